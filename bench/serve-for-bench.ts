// Started as a child process by the add_results benchmark, so the server has a
// core of its own and the load generator's work does not count against it.
import { startBareServer } from './bare-koa-server.ts';
import { startServer } from '../server/index.ts';

const [kind, file] = process.argv.slice(2);
const server = kind === 'bare' ? await startBareServer(file) : await startServer({ port: 0, db: file, maxBodyBytes: 64 * 1024 * 1024 });
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', async () => {
  await server.close();
  process.stderr.write(`${JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  process.exit(0);
});

// Started as a child process by the server benchmarks, so the server has a core
// of its own and the load generator's work does not count against it. Prints its
// URL and how long startServer took, and its peak RSS when stopped. Every load comes from
// 127.0.0.1, so the limit of requests per client address is off.
// Arguments: `bare FILE`, or `pony DB [DATA-DIR]`, DB a SQLite file or a postgres:// URL and
// DATA-DIR where uploaded files go (serve's --data-dir).
import { startBareServer } from './bare-koa-server.ts';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The built package, as `pony-build serve` runs it (npm run bench builds it first), with its
// templates compiled ahead; the sources when there is no build.
const built = new URL('../dist/server/index.js', import.meta.url);
const { parseServerConfig, startServer } = (existsSync(fileURLToPath(built))
  ? await import(built.href)
  : await import('../server/index.ts')) as typeof import('../server/index.ts');

const [kind, file, dataDir] = process.argv.slice(2);
const started = performance.now();
const server = kind === 'bare' ? await startBareServer(file) : await startServer({
  port: 0, db: file, dataDir, maxBodyBytes: 64 * 1024 * 1024, config: parseServerConfig({ limits: { requests_per_minute: 0 } }),
});
process.stdout.write(`${server.url} ${(performance.now() - started).toFixed(1)} ${(process.memoryUsage().rss / 1024 ** 2).toFixed(1)}\n`);
process.on('SIGTERM', async () => {
  await server.close();
  process.stderr.write(`${JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  process.exit(0);
});

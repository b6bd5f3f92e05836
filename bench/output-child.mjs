// The runner side of bench/output-throughput.ts, in plain JavaScript on the compiled runner
// (dist/), so the measured process and its peak RSS carry no TypeScript loader.
import { build, createConsoleReporter, runBuild } from '../dist/runner/index.js';

const [logDir, generator] = process.argv.slice(2);
const started = performance.now();
const outcome = await runBuild({
  package: 'bench',
  logDir,
  steps: [build(generator, { shell: true, name: 'print 1 GiB' })],
  consumers: [createConsoleReporter({ color: false })],
});
const seconds = (performance.now() - started) / 1000;
if (!outcome.clientInfo.success) {
  throw new Error('the benchmark build failed');
}
process.stderr.write(`\n${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);

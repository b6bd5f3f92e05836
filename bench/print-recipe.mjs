// A recipe of one step printing PONY_BENCH_BYTES bytes, in plain JavaScript on the compiled
// runner (dist/), so the measured process carries no TypeScript loader. Run by
// bench/live-reporting.ts with and without --report.
import { build, runRecipe } from '../dist/runner/index.js';

const bytes = Number(process.env.PONY_BENCH_BYTES);
const line = "cc -O2 -c module.c -o module.o # <warning> & \u001b[33mnote\u001b[0m: 0123456789";
await runRecipe({
  package: 'bench-live',
  steps: [build(`yes '${line}' | head -c ${bytes}`, { shell: true, name: 'print output' })],
});

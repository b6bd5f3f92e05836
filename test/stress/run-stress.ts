// `npm run test:stress`: the whole suite (`npm test`) three times in a row, with two CPU-bound
// processes running beside it the whole time. The tests synchronise on events and outputs, not
// on time, so a busy machine may make them slower but must never make them fail.
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../helpers/child-process.ts';

const runCount = 3;
const burnerCount = 2;

interface SuiteRun {
  number: number;
  exit: string | undefined;
  seconds: number;
}

function startBurners(): ChildProcess[] {
  return Array.from({ length: burnerCount }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

function stopBurners(burners: ChildProcess[]): void {
  for (const burner of burners) burner.kill('SIGKILL');
}

let suite: ChildProcess | undefined;

// Resolves with how the run failed, or undefined when it passed.
function runSuite(): Promise<string | undefined> {
  return new Promise((resolve) => {
    suite = spawn('npm', ['test'], { cwd: projectRoot, stdio: 'inherit' });
    suite.once('error', (error) => resolve(`could not start npm test: ${error.message}`));
    suite.once('exit', (code, signal) => resolve(code === 0 ? undefined : signal ? `killed by ${signal}` : `exit status ${code}`));
  });
}

function describeRun(run: SuiteRun): string {
  const minutes = Math.floor(run.seconds / 60);
  const took = `${minutes}m ${Math.round(run.seconds - minutes * 60)}s`;
  return `run ${run.number} of ${runCount}: ${run.exit === undefined ? 'passed' : `FAILED (${run.exit})`} in ${took}`;
}

const burners = startBurners();
// Ctrl-C reaches npm test through the terminal, a signal sent to this script alone does not.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    suite?.kill(signal);
    stopBurners(burners);
    process.exit(130);
  });
}
const runs: SuiteRun[] = [];
try {
  for (let number = 1; number <= runCount; number++) {
    process.stdout.write(`\ntest:stress: run ${number} of ${runCount}, beside ${burnerCount} CPU-bound processes\n`);
    const startedAt = performance.now();
    const exit = await runSuite();
    runs.push({ number, exit, seconds: (performance.now() - startedAt) / 1000 });
  }
} finally {
  stopBurners(burners);
}
process.stdout.write(`\ntest:stress summary\n${runs.map((run) => `  ${describeRun(run)}\n`).join('')}`);
const failed = runs.filter((run) => run.exit !== undefined);
process.stdout.write(failed.length === 0 ? `all ${runCount} runs passed\n` : `${failed.length} of ${runCount} runs failed: ${failed.map((run) => run.number).join(', ')}\n`);
process.exitCode = failed.length === 0 ? 0 : 1;

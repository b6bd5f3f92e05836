// How much the runner adds per step: 200 trivial steps through runBuild, against
// a bash loop and a bare child_process.spawn loop running the same command.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { runBuild } from '../runner/run/run-build.ts';
import { createConsoleReporter } from '../runner/console/console-reporter.ts';
import { build } from '../runner/steps/step-spec.ts';

const stepCount = 200;
const command = '/bin/true';

function spawnOnce(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

async function timeSpawnLoop(): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < stepCount; index += 1) {
    await spawnOnce();
  }
  return performance.now() - started;
}

function timeShellLoop(): number {
  const started = performance.now();
  spawnSync('bash', ['-c', `for i in $(seq ${stepCount}); do ${command}; done`], { stdio: 'ignore' });
  return performance.now() - started;
}

async function timeRunner(): Promise<number> {
  const terminal = createWriteStream('/dev/null');
  const started = performance.now();
  const outcome = await runBuild({
    package: 'bench',
    steps: Array.from({ length: stepCount }, (_, index) => build([command], { name: `step ${index}` })),
    consumers: [createConsoleReporter({ stdout: terminal, stderr: terminal, color: false })],
  });
  const elapsed = performance.now() - started;
  if (!outcome.clientInfo.success) {
    throw new Error('the benchmark build failed');
  }
  terminal.end();
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function measureStepsOverhead(rounds = 5) {
  const shell: number[] = [];
  const bare: number[] = [];
  const runner: number[] = [];
  await timeRunner(); // warm-up: module loading and JIT
  // Interleaved so that noise from the shared machine falls on all three alike.
  for (let round = 0; round < rounds; round += 1) {
    shell.push(timeShellLoop());
    bare.push(await timeSpawnLoop());
    runner.push(await timeRunner());
  }
  const result = {
    steps: stepCount,
    shellMs: median(shell),
    spawnMs: median(bare),
    runnerMs: median(runner),
  };
  return { ...result, runnerOverSpawn: result.runnerMs / result.spawnMs, runnerOverShell: result.runnerMs / result.shellMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureStepsOverhead()));
}

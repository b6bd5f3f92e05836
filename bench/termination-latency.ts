// How soon a step's outcome arrives once a timer says its process tree must go: a timeout,
// the grace between SIGTERM and SIGKILL, the grace for pipes a background process holds open,
// and survivors of SIGTERM killed once the command itself is gone. The tests check that each
// happens (test/runner/exec/terminate-tree.test.ts, pump-output.test.ts); how soon is timing,
// so it is measured here, where a busy machine shows as a slow number rather than a red build.
import { fileURLToPath } from 'node:url';
import { runCommand } from '../runner/exec/index.ts';
import type { OutputStream } from '../wire/types.ts';

// The pipe grace in runner/exec/run-command.ts.
const PIPE_GRACE_MS = 500;
const holdsPipes = fileURLToPath(new URL('../test/fixtures/holds-pipes.sh', import.meta.url));
const ignoresSigterm = [process.execPath, '-e', 'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000)'];

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function readPid(text: string): number {
  return Number(/^(\d+)$/m.exec(text)?.[1] ?? 0);
}

// A shell waiting on a grandchild, killed by a 300 ms timeout.
async function measureTimeout(): Promise<number> {
  const outcome = await runCommand({ command: 'sleep 300 & echo "$!"; wait', shell: true, timeoutMs: 300 });
  killIfRunning(readPid(outcome.output));
  if (outcome.termination !== 'timeout') throw new Error(`expected a timeout, got ${JSON.stringify(outcome)}`);
  return outcome.durationSeconds * 1000 - 300;
}

// Interrupts the command once it says it is ready (its pid, if it prints one first, is kept
// to clean up after), and tells how long ago that was.
function interruptWhenReady() {
  const controller = new AbortController();
  let interruptedAt = 0;
  let pid = 0;
  return {
    signal: controller.signal,
    onOutput: (stream: OutputStream, text: string) => {
      pid ||= readPid(text);
      if (stream === 'output' && text.includes('ready')) {
        interruptedAt = performance.now();
        controller.abort();
      }
    },
    getPrintedPid: () => pid,
    getMsSinceInterrupt: () => performance.now() - interruptedAt,
  };
}

// Interrupted, ignores SIGTERM, killed with SIGKILL after a 300 ms grace.
async function measureKillGrace(): Promise<number> {
  const interrupt = interruptWhenReady();
  const outcome = await runCommand({ command: ignoresSigterm, signal: interrupt.signal, onOutput: interrupt.onOutput, killGraceMs: 300 });
  if (outcome.signal !== 'SIGKILL') throw new Error(`expected SIGKILL, got ${JSON.stringify(outcome)}`);
  return interrupt.getMsSinceInterrupt() - 300;
}

// Exits at once, leaving a process of its own session (out of reach of the clean-up of the
// step's group) holding its pipes for the pipe grace.
async function measurePipeGrace(): Promise<number> {
  const outcome = await runCommand({ command: [holdsPipes] });
  killIfRunning(readPid(outcome.output));
  return outcome.durationSeconds * 1000 - PIPE_GRACE_MS;
}

// The shell dies from SIGTERM; its child ignores it and holds the pipes. The kill grace is 5 s,
// but the survivor is killed as soon as the pipe grace is over.
async function measureSurvivorKill(): Promise<number> {
  const interrupt = interruptWhenReady();
  const outcome = await runCommand({
    command: `${ignoresSigterm.map((argument) => `'${argument}'`).join(' ')} & echo "$!"; wait`,
    shell: true,
    signal: interrupt.signal,
    onOutput: interrupt.onOutput,
    killGraceMs: 5000,
  });
  killIfRunning(interrupt.getPrintedPid());
  if (outcome.termination !== 'interrupted') throw new Error(`expected an interruption, got ${JSON.stringify(outcome)}`);
  return interrupt.getMsSinceInterrupt() - PIPE_GRACE_MS;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measureMedian(measure: () => Promise<number>, rounds: number): Promise<{ medianMs: number; maxMs: number }> {
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round += 1) latencies.push(await measure());
  return { medianMs: median(latencies), maxMs: Math.max(...latencies) };
}

export async function measureTerminationLatency(rounds = 5) {
  return {
    timeout: await measureMedian(measureTimeout, rounds),
    killGrace: await measureMedian(measureKillGrace, rounds),
    pipeGrace: await measureMedian(measurePipeGrace, rounds),
    survivorKill: await measureMedian(measureSurvivorKill, rounds),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureTerminationLatency()));
}

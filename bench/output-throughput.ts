// A step printing 1 GiB through the runner (live to the terminal, complete log
// to a file, bounded capture for the report) against `cmd | tee file > /dev/null`.
// The runner side runs in a child process on the compiled runner, so its peak RSS is its own
// and holds no TypeScript loader.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// PONY_BENCH_OUTPUT_BYTES measures less while trying changes; the report's figure is 1 GiB.
const totalBytes = Number(process.env.PONY_BENCH_OUTPUT_BYTES || 1024 ** 3);
const generator = `yes 'cc -O2 -c module.c -o module.o # <warning> & \u001b[33mnote\u001b[0m: 0123456789' | head -c ${totalBytes}`;

interface Round {
  seconds: number;
  /** User and system CPU seconds of the whole pipeline, generator included. */
  cpuSeconds: number;
}

// bash's `time` reports the CPU of everything the command started, which node cannot: on a
// shared machine the CPU a pipeline needs moves much less than how long it takes.
function timeInBash(command: string): string {
  return `TIMEFORMAT='cpu %U %S'; time (${command})`;
}

function readCpuSeconds(stderr: string): number {
  const [, user, system] = /^cpu ([\d.]+) ([\d.]+)$/m.exec(stderr) ?? [];
  if (user === undefined) throw new Error(`bash did not report the CPU time: ${stderr}`);
  return Number(user) + Number(system);
}

function quoteForShell(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

async function runRunnerChild(logDir: string): Promise<Round & { peakRssMb: number }> {
  const childFile = fileURLToPath(new URL('output-child.mjs', import.meta.url));
  const command = [process.execPath, childFile, logDir, generator].map(quoteForShell).join(' ');
  const child = spawn('bash', ['-c', timeInBash(command)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let report = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (report += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  const line = report.split('\n').findLast((entry) => entry.startsWith('{')) ?? '';
  try {
    return { ...(JSON.parse(line) as { seconds: number; peakRssMb: number }), cpuSeconds: readCpuSeconds(report) };
  } catch {
    throw new Error(`the runner child did not report: ${report}`);
  }
}

function timeTee(directory: string): Round {
  const started = performance.now();
  const log = path.join(directory, 'tee.log');
  const run = spawnSync('bash', ['-c', timeInBash(`${generator} | tee ${log} > /dev/null`)], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (statSync(log).size !== totalBytes) {
    throw new Error(`tee wrote ${statSync(log).size} bytes, expected ${totalBytes}`);
  }
  return { seconds, cpuSeconds: readCpuSeconds(run.stderr) };
}

export async function measureOutputThroughput(rounds = 2) {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-bench-'));
  try {
    const tee: Round[] = [];
    const runner: Array<Round & { peakRssMb: number }> = [];
    for (let round = 0; round < rounds; round += 1) {
      tee.push(timeTee(directory));
      runner.push(await runRunnerChild(directory));
    }
    const logBytes = statSync(path.join(directory, '001-print-1-GiB.log')).size;
    if (logBytes !== totalBytes) {
      throw new Error(`the runner's log has ${logBytes} bytes, expected ${totalBytes}`);
    }
    const teeSeconds = Math.min(...tee.map((entry) => entry.seconds));
    const runnerSeconds = Math.min(...runner.map((entry) => entry.seconds));
    const teeCpuSeconds = Math.min(...tee.map((entry) => entry.cpuSeconds));
    const runnerCpuSeconds = Math.min(...runner.map((entry) => entry.cpuSeconds));
    return {
      bytes: totalBytes,
      teeMBps: totalBytes / 1e6 / teeSeconds,
      runnerMBps: totalBytes / 1e6 / runnerSeconds,
      runnerOverTee: teeSeconds / runnerSeconds,
      runnerPeakRssMb: Math.max(...runner.map((entry) => entry.peakRssMb)),
      teeCpuSeconds,
      runnerCpuSeconds,
      runnerOverTeeCpu: teeCpuSeconds / runnerCpuSeconds,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureOutputThroughput()));
}

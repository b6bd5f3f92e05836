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

async function runRunnerChild(logDir: string): Promise<{ seconds: number; peakRssMb: number }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('output-child.mjs', import.meta.url)), logDir, generator], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let report = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (report += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  const line = report.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`the runner child did not report: ${report}`);
  }
}

function timeTee(directory: string): number {
  const started = performance.now();
  const log = path.join(directory, 'tee.log');
  spawnSync('bash', ['-c', `${generator} | tee ${log} > /dev/null`], { stdio: 'ignore' });
  if (statSync(log).size !== totalBytes) {
    throw new Error(`tee wrote ${statSync(log).size} bytes, expected ${totalBytes}`);
  }
  return (performance.now() - started) / 1000;
}

export async function measureOutputThroughput(rounds = 2) {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-bench-'));
  try {
    const tee: number[] = [];
    const runner: Array<{ seconds: number; peakRssMb: number }> = [];
    for (let round = 0; round < rounds; round += 1) {
      tee.push(timeTee(directory));
      runner.push(await runRunnerChild(directory));
    }
    const logBytes = statSync(path.join(directory, '001-print-1-GiB.log')).size;
    if (logBytes !== totalBytes) {
      throw new Error(`the runner's log has ${logBytes} bytes, expected ${totalBytes}`);
    }
    const teeSeconds = Math.min(...tee);
    const runnerSeconds = Math.min(...runner.map((entry) => entry.seconds));
    return {
      bytes: totalBytes,
      teeMBps: totalBytes / 1e6 / teeSeconds,
      runnerMBps: totalBytes / 1e6 / runnerSeconds,
      runnerOverTee: teeSeconds / runnerSeconds,
      runnerPeakRssMb: Math.max(...runner.map((entry) => entry.peakRssMb)),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureOutputThroughput()));
}

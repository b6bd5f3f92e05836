// Live reporting, against a real server in its own process on 127.0.0.1 (an ephemeral port,
// a temporary SQLite file): what --report costs a step printing 200 MB, against the same
// recipe without it, and how many live builds the server takes from 50 clients at once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addStep, appendOutput, beginBuild, createServerCall, finishBuild } from '../runner/transport/live-calls.ts';
import { parseServerUrl } from '../runner/transport/server-url.ts';
import type { StepResult } from '../wire/types.ts';
import { startServerChild } from './add-results-rate.ts';

const stepBytes = 200 * 1e6;
const recipeFile = fileURLToPath(new URL('print-recipe.mjs', import.meta.url));

function withTempDir<T>(use: (directory: string) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-bench-live-'));
  return use(directory).finally(() => rmSync(directory, { recursive: true, force: true }));
}

// The recipe's terminal output goes to /dev/null; its exit status must say it built and reported.
async function timeRecipe(directory: string, args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [recipeFile, '--force-build', '--results-dir', path.join(directory, 'results'), ...args], {
    cwd: directory,
    env: { ...process.env, PONY_BENCH_BYTES: String(stepBytes), PONY_BUILD_SPOOL: path.join(directory, 'spool') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) {
    throw new Error(`the recipe ${args.join(' ') || 'without --report'} exited with ${code}: ${stderr}`);
  }
  return (performance.now() - started) / 1000;
}

/** The 200 MB step with and without --report, interleaved, best of `rounds`. */
export async function measureLiveOverhead(rounds = 2) {
  return withTempDir(async (directory) => {
    const server = await startServerChild('pony', path.join(directory, 'live.sqlite'));
    try {
      const plain: number[] = [];
      const live: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        plain.push(await timeRecipe(directory, []));
        live.push(await timeRecipe(directory, ['--report', server.url]));
      }
      const plainSeconds = Math.min(...plain);
      const liveSeconds = Math.min(...live);
      return {
        stepMb: stepBytes / 1e6,
        plainMBps: stepBytes / 1e6 / plainSeconds,
        liveMBps: stepBytes / 1e6 / liveSeconds,
        liveOverPlain: plainSeconds / liveSeconds,
      };
    } finally {
      await server.stop();
    }
  });
}

const liveBuilds = 50;
const stepsPerBuild = 5;
const batchesPerStep = 4;
const batchText = 'cc -c src/module.c: \u001b[33mwarning\u001b[0m: <int> & <unsigned>\n'.repeat(Math.ceil((16 * 1024) / 60));

// One client's build as the live reporter drives it: begin, per step its output in batches
// then add_step, and finish with the complete results.
async function runLiveBuild(url: string, client: number): Promise<number> {
  const call = createServerCall(parseServerUrl(url));
  const clientInfo = { package: `live-${client % 5}`, host: `host-${client}`, arch: 'linux-x86_64', success: true, tags: ['bench'] };
  const begun = await beginBuild(call, clientInfo);
  const steps: StepResult[] = [];
  let sentBytes = 0;
  for (let index = 0; index < stepsPerBuild; index += 1) {
    for (let batch = 0; batch < batchesPerStep; batch += 1) {
      await appendOutput(call, begun.updateToken, index, 'output', batchText, batch * batchText.length);
      sentBytes += batchText.length;
    }
    const step: StepResult = { name: `step ${index}`, type: 'build', command: ['make', `target-${index}`], status: 0, output: batchText.repeat(batchesPerStep), errout: '', duration: 0.5 };
    await addStep(call, begun.updateToken, step);
    steps.push(step);
  }
  await finishBuild(call, begun.updateToken, { ...clientInfo, duration: 2.5 }, steps);
  return sentBytes;
}

/** 50 live builds at once, each begin, 5 steps of 4 output batches (16 KB), finish. */
export async function measureLiveServerThroughput() {
  return withTempDir(async (directory) => {
    const server = await startServerChild('pony', path.join(directory, 'live.sqlite'));
    try {
      // A warm-up build, so the first one does not pay for compiling the server's code paths.
      await runLiveBuild(server.url, -1);
      const started = performance.now();
      const settled = await Promise.allSettled(Array.from({ length: liveBuilds }, (_, client) => runLiveBuild(server.url, client)));
      const seconds = (performance.now() - started) / 1000;
      const sent = settled.flatMap((entry) => (entry.status === 'fulfilled' ? [entry.value] : []));
      const errors = settled.flatMap((entry) => (entry.status === 'rejected' ? [String(entry.reason)] : []));
      const stderr = await server.stop();
      const peak = stderr.trim().split('\n').at(-1);
      return {
        builds: liveBuilds,
        callsPerBuild: 2 + stepsPerBuild * (batchesPerStep + 1),
        seconds,
        buildsPerSecond: sent.length / seconds,
        outputMBps: sent.reduce((total, bytes) => total + bytes, 0) / 1e6 / seconds,
        errors: errors.length,
        firstError: errors[0],
        serverPeakRssMb: peak?.startsWith('{') ? (JSON.parse(peak) as { peakRssMb: number }).peakRssMb : undefined,
      };
    } catch (error) {
      await server.stop();
      throw error;
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureLiveServerThroughput()));
  console.log(JSON.stringify(await measureLiveOverhead()));
}

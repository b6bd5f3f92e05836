// The pages people open every morning, on a database the size of a busy
// project's: 100,000 results across 20 packages and 200 tagsets. Measures the
// median and p95 time of the dashboard, a package page and a result page, and
// the server's start time and memory with that database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCoordinator, openSqliteStore } from '../server/index.ts';

const packageCount = 20;
const tagsetsPerPackage = 10;
const resultCount = 100_000;
const requestsPerPage = 60;

function makeStep(index: number, failed: boolean) {
  return {
    name: `step ${index}`,
    type: index === 0 ? 'setup' : index === 1 ? 'build' : 'test',
    status: failed && index === 2 ? 1 : 0,
    output: `running step ${index}\n<ok> & done\n`,
    errout: failed && index === 2 ? 'assertion failed: 1 != 2\n' : '',
    command: ['make', `target-${index}`],
    duration: 1.5,
  };
}

/** Seeds through the coordinator, the path real results take. */
async function seedDatabase(file: string): Promise<void> {
  const startedAt = Date.now() / 1000 - resultCount * 60;
  let clock = startedAt;
  const store = openSqliteStore(file);
  const coordinator = createCoordinator(store, { now: () => clock });
  for (let index = 0; index < resultCount; index += 1) {
    clock = startedAt + index * 60;
    const packageIndex = index % packageCount;
    const tagsetIndex = Math.floor(index / packageCount) % tagsetsPerPackage;
    const failed = index % 7 === 0;
    await coordinator.addResults(
      {
        package: `package-${packageIndex}`,
        host: `host-${tagsetIndex % 5}`,
        arch: tagsetIndex % 2 === 0 ? 'linux-x86_64' : 'linux-aarch64',
        success: !failed,
        tags: [`config-${tagsetIndex}`],
        duration: 42,
      },
      [0, 1, 2].map((step) => makeStep(step, failed)),
      { clientIp: '127.0.0.1' },
    );
  }
  await coordinator.close();
}

/** `pony-build serve` on `db` (a SQLite file or a postgres:// URL) in a child process; `dataDir` is its --data-dir. */
export async function startServerChild(db: string, dataDir?: string) {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('serve-for-bench.ts', import.meta.url)), 'pony', db, ...(dataDir === undefined ? [] : [dataDir])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (chunk: string) => resolve(chunk.trim()));
    child.once('exit', () => reject(new Error(`the server exited: ${stderr}`)));
  });
  const [url, startMs, rssMb] = line.split(' ');
  return {
    url,
    pid: child.pid!,
    startServerMs: Number(startMs),
    processReadyMs: performance.now() - spawnedAt,
    rssAfterStartMb: Number(rssMb),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      const peak = /"peakRssMb":([\d.]+)/.exec(stderr);
      return peak ? Number(peak[1]) : undefined;
    },
  };
}

/** Median and p95 of `requestsPerPage` requests one after another, after five not counted. */
export async function timePage(url: string): Promise<{ medianMs: number; p95Ms: number }> {
  const times: number[] = [];
  for (let index = 0; index < requestsPerPage + 5; index += 1) {
    const started = performance.now();
    const response = await fetch(url);
    const body = await response.text();
    if (response.status !== 200) {
      throw new Error(`${url}: HTTP ${response.status}: ${body.slice(0, 200)}`);
    }
    if (index >= 5) {
      times.push(performance.now() - started); // the first five warm the JIT up
    }
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], p95Ms: times[Math.floor(times.length * 0.95)] };
}

export async function measurePageLatency() {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-bench-'));
  const file = path.join(directory, 'pages.db');
  try {
    const seedStarted = performance.now();
    await seedDatabase(file);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const server = await startServerChild(file);
    const pages = {
      dashboard: await timePage(server.url),
      packagePage: await timePage(`${server.url}packages/package-7`),
      resultPage: await timePage(`${server.url}results/${resultCount / 2 + 7}`),
    };
    const peakRssMb = await server.stop();
    return {
      results: resultCount,
      packages: packageCount,
      tagsets: packageCount * tagsetsPerPackage,
      seedSeconds,
      startServerMs: server.startServerMs,
      processReadyMs: server.processReadyMs,
      rssAfterStartMb: server.rssAfterStartMb,
      peakRssMb,
      pages,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measurePageLatency()));
}

// add_results per second with a realistic result (10 steps, 64 KB of output full
// of `<`, `&` and ANSI colour codes), over XML-RPC and JSON, against a bare Koa
// route that parses the same JSON and inserts it in one SQLite transaction.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeMethodCall } from '../wire/xmlrpc/index.ts';
import type { ClientInfo, StepResult } from '../wire/types.ts';

const concurrency = 8;
const warmupRequests = 200;
const measuredRequests = 800;
const rounds = 3;

export function makeRealisticResult(): { client_info: ClientInfo; results_list: StepResult[] } {
  const line = 'gcc -c src/module.c -o build/module.o: \u001b[33mwarning\u001b[0m: comparison of <int> & <unsigned> [-Wsign-compare]\n';
  const perStep = Math.ceil((64 * 1024) / 10 / line.length);
  return {
    client_info: { package: 'bench', host: 'bench-host', arch: 'linux-x86_64', success: true, tags: ['bench', 'realistic'], duration: 12.5 },
    results_list: Array.from({ length: 10 }, (_, index) => ({
      name: `step ${index}`,
      type: index < 2 ? 'setup' : index < 8 ? 'build' : 'test',
      status: 0,
      output: line.repeat(perStep),
      errout: index % 3 === 0 ? 'note: <stderr> & friends\n' : '',
      command: ['make', `target-${index}`],
      duration: 1.25,
    })),
  };
}

export async function startServerChild(kind: 'pony' | 'bare', file: string) {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('serve-for-bench.ts', import.meta.url)), kind, file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (chunk: string) => resolve(chunk.trim().split(' ')[0]));
    child.once('exit', () => reject(new Error(`the ${kind} server exited: ${stderr}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      return stderr;
    },
  };
}

interface Endpoint {
  kind: 'pony' | 'bare';
  path: string;
  body: string;
  contentType: string;
  check: (status: number, text: string) => void;
}

/** Sends `total` copies of the body from `concurrency` loops; returns requests per second. */
async function sendMany(url: string, endpoint: Endpoint, total: number): Promise<number> {
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent += 1;
        const response = await fetch(url, { method: 'POST', body: endpoint.body, headers: { 'Content-Type': endpoint.contentType } });
        endpoint.check(response.status, await response.text());
      }
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/**
 * Each measurement gets a fresh server and database, so every endpoint inserts
 * into a table of the same size (a growing SQLite file slows inserts down), and
 * is warmed up first (a fresh process is slow until the JIT has run).
 */
async function measureEndpoint(endpoint: Endpoint, directory: string, round: number): Promise<{ rate: number; peakRssMb?: number }> {
  const file = path.join(directory, `${endpoint.kind}-${round}-${endpoint.path.replaceAll('/', '_')}.db`);
  const server = await startServerChild(endpoint.kind, file);
  const url = new URL(endpoint.path, server.url).href;
  await sendMany(url, endpoint, warmupRequests);
  const rate = await sendMany(url, endpoint, measuredRequests);
  const log = await server.stop();
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const peak = /"peakRssMb":([\d.]+)/.exec(log);
  return { rate, peakRssMb: peak ? Number(peak[1]) : undefined };
}

/** Alternates the endpoints round by round, so drift in the machine's load falls on all alike; the median counts. */
async function measureEndpoints(endpoints: Endpoint[], directory: string) {
  const rates: number[][] = endpoints.map(() => []);
  let peakRssMb = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, endpoint] of endpoints.entries()) {
      const measured = await measureEndpoint(endpoint, directory, round);
      rates[index].push(measured.rate);
      peakRssMb = Math.max(peakRssMb, measured.peakRssMb ?? 0);
    }
  }
  return { rates: rates.map((values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]), peakRssMb };
}

export async function measureAddResultsRate() {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-bench-'));
  const result = makeRealisticResult();
  const json = JSON.stringify(result);
  const xml = serializeMethodCall('add_results', [result.client_info, result.results_list]);
  const expectOk = (kind: string) => (status: number, text: string) => {
    if (status >= 300 || text.includes('<fault>')) {
      throw new Error(`${kind}: HTTP ${status}: ${text.slice(0, 300)}`);
    }
  };
  try {
    const { rates, peakRssMb } = await measureEndpoints(
      [
        { kind: 'bare', path: '/', body: json, contentType: 'application/json', check: expectOk('bare') },
        { kind: 'pony', path: '/api/v1/results', body: json, contentType: 'application/json', check: expectOk('json') },
        { kind: 'pony', path: '/xmlrpc', body: xml, contentType: 'text/xml', check: expectOk('xmlrpc') },
      ],
      directory,
    );
    const [bareRate, jsonRate, xmlrpcRate] = rates;
    return {
      jsonBytes: json.length,
      xmlBytes: xml.length,
      bareRate,
      jsonRate,
      xmlrpcRate,
      jsonOverBare: jsonRate / bareRate,
      xmlrpcOverJson: xmlrpcRate / jsonRate,
      serverPeakRssMb: peakRssMb,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureAddResultsRate()));
}

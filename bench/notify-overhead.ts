// Submissions per second with notifications against none: five webhooks (receivers on 127.0.0.1,
// subscribed to every result) on one server, nothing on the other, each with a fresh database,
// measured in alternating rounds since the machine is shared. Target: less than 10% slower.
// E-mail is not measured: its handler has not landed in server/notify/ yet.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServerConfig } from '../server/config/parse-server-config.ts';
import { startServer } from '../server/start-server.ts';
import { makeRealisticResult } from './add-results-rate.ts';

const concurrency = 8;
const warmupRequests = 100;
const measuredRequests = 600;
const rounds = 3;
const webhookCount = 5;

export interface NotifyOverhead {
  plainPerSecond: number;
  notifyingPerSecond: number;
  /** notifying / plain. */
  ratio: number;
  /** How many webhook calls the receivers answered while measuring (all of them, once the queue drained). */
  webhookCalls: number;
  met: boolean;
}

async function startReceivers(count: number) {
  let calls = 0;
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<http.Server>((resolve) => {
    const server = http.createServer((request, response) => {
      request.resume().on('end', () => {
        calls += 1;
        response.writeHead(204).end();
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  return {
    urls: servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`),
    calls: () => calls,
    close: () => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))),
  };
}

async function sendMany(url: string, body: string, total: number): Promise<number> {
  let sent = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (sent < total) {
      sent += 1;
      const response = await fetch(new URL('api/v1/results', url), { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
      if (response.status !== 201) {
        throw new Error(`add_results answered ${response.status}: ${await response.text()}`);
      }
      await response.arrayBuffer();
    }
  }));
  return total / ((performance.now() - started) / 1000);
}

async function measureOnce(document: Record<string, unknown>, directory: string, name: string): Promise<number> {
  const server = await startServer({ port: 0, db: path.join(directory, `${name}.db`), config: parseServerConfig(document), log: () => {} });
  try {
    const body = JSON.stringify(makeRealisticResult());
    await sendMany(server.url, body, warmupRequests);
    return await sendMany(server.url, body, measuredRequests);
  } finally {
    await server.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureNotifyOverhead(): Promise<NotifyOverhead> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-build-bench-notify-'));
  const receivers = await startReceivers(webhookCount);
  const notifying = {
    public_url: 'https://ci.example.org',
    webhooks: receivers.urls.map((url, index) => ({ url, secret: `secret-${index}`, events: ['result', 'broke', 'fixed', 'still_failing'] })),
  };
  const plainRates: number[] = [];
  const notifyingRates: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      plainRates.push(await measureOnce({}, directory, `plain-${round}`));
      notifyingRates.push(await measureOnce(notifying, directory, `notifying-${round}`));
    }
  } finally {
    await receivers.close();
    rmSync(directory, { recursive: true, force: true });
  }
  const plainPerSecond = median(plainRates);
  const notifyingPerSecond = median(notifyingRates);
  const ratio = notifyingPerSecond / plainPerSecond;
  return { plainPerSecond, notifyingPerSecond, ratio, webhookCalls: receivers.calls(), met: ratio > 0.9 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureNotifyOverhead();
  console.log(JSON.stringify(result));
  console.log(`add_results with ${webhookCount} webhooks: ${result.notifyingPerSecond.toFixed(1)}/s against ${result.plainPerSecond.toFixed(1)}/s without `
    + `(${((1 - result.ratio) * 100).toFixed(1)}% slower); target less than 10% slower: ${result.met ? 'met' : 'missed'}`);
}

// Submissions per second with notifications against none: five webhooks subscribed to every
// event (and e-mail on every change, when server/notify has a mail handler) on one server,
// nothing on the other, each with a fresh database, measured in alternating rounds since the
// machine is shared. Every tenth result fails, so tagsets break and are fixed as in real use.
// The receivers and the SMTP sink run in a child process (notify-receivers.mjs), so both servers
// share their process with the benchmark's client only. After each notifying round the queue is
// left to drain, which says how far the deliveries fell behind while the worker yielded to the
// submissions. Target: less than 10% slower.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseServerConfig } from '../server/config/parse-server-config.ts';
import { startServer } from '../server/start-server.ts';
import { makeRealisticResult } from './add-results-rate.ts';

const concurrency = 8;
const warmupRequests = 100;
// Rounds of a few seconds each: the shorter ones of earlier versions swung with every hiccup.
const measuredRequests = 1500;
const rounds = 7;
const webhookCount = 5;
const failingEvery = 10;
// A queue that has not drained by then is reported as such rather than waited for.
const drainLimitSeconds = 120;

export interface NotifyOverhead {
  plainPerSecond: number;
  notifyingPerSecond: number;
  /** Each round's rate, in the order measured: the medians above hide how much a shared machine moves them. */
  plainRounds: number[];
  notifyingRounds: number[];
  /** CPU milliseconds per result (server and client, median round). */
  plainCpuMsPerResult: number;
  notifyingCpuMsPerResult: number;
  /** Median of each round pair's notifying / plain, the two measured back to back. */
  ratio: number;
  /** How many webhook calls the receivers answered, over all rounds, once the queue drained. */
  webhookCalls: number;
  /** Of those, how many while the measured submissions were being sent (median round). */
  webhookCallsWhileMeasuring: number;
  /** Mails the SMTP sink took; null when server/notify has no mail handler to measure. */
  mails: number | null;
  /** Seconds the queue took to drain after the measured submissions (median round); null if it did not within the limit. */
  drainSeconds: number | null;
  met: boolean;
}

interface Receivers {
  urls: string[];
  smtpPort: number;
  count(): Promise<{ calls: number; mails: number }>;
  stop(): Promise<void>;
}

async function startReceivers(count: number): Promise<Receivers> {
  const child = fork(fileURLToPath(new URL('notify-receivers.mjs', import.meta.url)), [String(count)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [{ urls: string[]; smtpPort: number }];
  return {
    ...ready,
    async count() {
      child.send('count');
      const [answer] = (await once(child, 'message')) as [{ calls: number; mails: number }];
      return answer;
    },
    async stop() {
      child.disconnect();
      await once(child, 'exit');
    },
  };
}

// One address sends every submission here, far past the per-address limit meant for the internet.
const unlimited = { requests_per_minute: 0 };

/** The notifying configuration; e-mail only where the configuration knows it. */
function makeNotifyingDocument(receivers: Receivers): { document: Record<string, unknown>; withMail: boolean } {
  const document: Record<string, unknown> = {
    limits: unlimited,
    public_url: 'https://ci.example.org',
    webhooks: receivers.urls.map((url, index) => ({ url, secret: `secret-${index}`, events: ['result', 'broke', 'fixed', 'still_failing'] })),
  };
  const withMail = {
    ...document,
    smtp: { host: '127.0.0.1', port: receivers.smtpPort, secure: false, from: 'pony-build <ci@example.org>' },
    email: [{ to: 'team@example.org', on: ['broke', 'fixed', 'still_failing'] }],
  };
  try {
    parseServerConfig(withMail);
    return { document: withMail, withMail: true };
  } catch {
    return { document, withMail: false };
  }
}

function makeBodies(): string[] {
  const passing = makeRealisticResult();
  const failing = { ...passing, client_info: { ...passing.client_info, success: false } };
  return Array.from({ length: failingEvery }, (_, index) => JSON.stringify(index === failingEvery - 1 ? failing : passing));
}

async function sendMany(url: string, bodies: readonly string[], total: number): Promise<number> {
  let sent = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (sent < total) {
      const body = bodies[sent % bodies.length]!;
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

/** Seconds until nothing is left to work out or deliver, or null past the limit. */
async function waitForDrain(db: string): Promise<number | null> {
  const database = new Database(db, { readonly: true });
  const started = performance.now();
  try {
    const left = database.prepare("SELECT (SELECT count(*) FROM notify_queue) + (SELECT count(*) FROM deliveries WHERE state = 'pending') AS left");
    while ((left.get() as { left: number }).left > 0) {
      if (performance.now() - started > drainLimitSeconds * 1000) {
        return null;
      }
      await delay(50);
    }
    return (performance.now() - started) / 1000;
  } finally {
    database.close();
  }
}

// The request log would drown what matters here: a delivery that failed.
const REQUEST_LINE = /^\S+ [A-Z]+ \/\S* \d{3} /;
const printUnlessRequest = (line: string) => {
  if (!REQUEST_LINE.test(line)) {
    console.error(line);
  }
};

interface Round {
  perSecond: number;
  /** CPU milliseconds of this process (server and client) per measured result: the machine's load moves it less than the rate. */
  cpuMsPerResult: number;
  callsWhileMeasuring: number;
  drainSeconds: number | null;
}

async function measureOnce(document: Record<string, unknown>, db: string, receivers?: Receivers): Promise<Round> {
  const server = await startServer({ port: 0, db, config: parseServerConfig(document), log: printUnlessRequest });
  try {
    const bodies = makeBodies();
    await sendMany(server.url, bodies, warmupRequests);
    const before = await receivers?.count();
    const cpuBefore = process.cpuUsage();
    const perSecond = await sendMany(server.url, bodies, measuredRequests);
    const cpu = process.cpuUsage(cpuBefore);
    const after = await receivers?.count();
    const drainSeconds = receivers ? await waitForDrain(db) : 0;
    return {
      perSecond,
      cpuMsPerResult: (cpu.user + cpu.system) / 1000 / measuredRequests,
      callsWhileMeasuring: (after?.calls ?? 0) - (before?.calls ?? 0),
      drainSeconds,
    };
  } finally {
    await server.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureNotifyOverhead(): Promise<NotifyOverhead> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-build-bench-notify-'));
  const receivers = await startReceivers(webhookCount);
  const notifying = makeNotifyingDocument(receivers);
  const plain: Round[] = [];
  const notified: Round[] = [];
  let total: { calls: number; mails: number };
  try {
    // One pair first, thrown away: the first rounds of a process run code the JIT has not yet
    // compiled, and were the slowest of every earlier run whichever side they measured.
    await measureOnce({ limits: unlimited }, path.join(directory, 'warm-plain.db'));
    await measureOnce(notifying.document, path.join(directory, 'warm-notifying.db'), receivers);
    // Plain, notifying, notifying, plain, ...: a machine speeding up or slowing down falls on both.
    for (let round = 0; round < rounds; round++) {
      const measurePlain = async () => plain.push(await measureOnce({ limits: unlimited }, path.join(directory, `plain-${round}.db`)));
      const measureNotifying = async () => notified.push(await measureOnce(notifying.document, path.join(directory, `notifying-${round}.db`), receivers));
      if (round % 2 === 0) {
        await measurePlain();
        await measureNotifying();
      } else {
        await measureNotifying();
        await measurePlain();
      }
    }
    total = await receivers.count();
  } finally {
    await receivers.stop();
    rmSync(directory, { recursive: true, force: true });
  }
  const plainPerSecond = median(plain.map((round) => round.perSecond));
  const notifyingPerSecond = median(notified.map((round) => round.perSecond));
  // Each pair ran back to back, so its ratio cancels what the machine did over minutes.
  const ratio = median(notified.map((round, index) => round.perSecond / plain[index]!.perSecond));
  const drains = notified.map((round) => round.drainSeconds);
  return {
    plainPerSecond,
    notifyingPerSecond,
    plainRounds: plain.map((round) => round.perSecond),
    notifyingRounds: notified.map((round) => round.perSecond),
    plainCpuMsPerResult: median(plain.map((round) => round.cpuMsPerResult)),
    notifyingCpuMsPerResult: median(notified.map((round) => round.cpuMsPerResult)),
    ratio,
    webhookCalls: total.calls,
    webhookCallsWhileMeasuring: median(notified.map((round) => round.callsWhileMeasuring)),
    // Mail rules exist in the configuration before a handler sends them: no mail at all means none is registered.
    mails: notifying.withMail && total.mails > 0 ? total.mails : null,
    drainSeconds: drains.includes(null) ? null : median(drains as number[]),
    met: ratio > 0.9,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureNotifyOverhead();
  console.log(JSON.stringify(result));
  const mail = result.mails === null ? 'e-mail not measured (server/notify has no mail handler yet)' : `${result.mails} mails`;
  const drain = result.drainSeconds === null ? `did not drain within ${drainLimitSeconds} s` : `drained ${result.drainSeconds.toFixed(1)} s after the last submission`;
  console.log(`add_results with ${webhookCount} webhooks: ${result.notifyingPerSecond.toFixed(1)}/s against ${result.plainPerSecond.toFixed(1)}/s without `
    + `(${((1 - result.ratio) * 100).toFixed(1)}% slower); ${result.webhookCalls} webhook calls (${result.webhookCallsWhileMeasuring} while measuring), ${mail}; `
    + `the queue ${drain}; CPU per result ${result.notifyingCpuMsPerResult.toFixed(2)} ms against ${result.plainCpuMsPerResult.toFixed(2)} ms; `
    + `target less than 10% slower: ${result.met ? 'met' : 'missed'}`);
}

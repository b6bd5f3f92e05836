// 50 build machines at once: a real `pony-build serve` process (SQLite file, request limit
// off) and 50 clients in this process, each sending realistic results in a loop through the
// runner's own transport (XML-RPC, as build machines do; every tenth client the JSON API).
// Measures throughput, latency, errors, and checks that every acknowledged result is stored
// once. The same load under --auth tokens (a token per client) is compared with --auth open:
// both servers run side by side and take the load in turns, so drift in a shared machine's
// load falls on both alike.
// PONY_BUILD_BENCH_LOAD_SECONDS sets how long each mode runs (default 60).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postDocument } from '../runner/transport/post-document.ts';
import { sendResults } from '../runner/transport/server-calls.ts';
import { parseServerUrl, type ServerAddress } from '../runner/transport/server-url.ts';
import { splitCredentials } from '../runner/transport/xmlrpc-client.ts';
import { createCoordinator, openSqliteStore, openStore } from '../server/index.ts';
import type { ClientInfo, StepResult } from '../wire/types.ts';

export const clientCount = 50;
const jsonEveryNth = 10;
export const warmupSeconds = 3;
const requestTimeoutMs = 120_000;
const cliFile = fileURLToPath(new URL('../bin/cli.ts', import.meta.url));

export const LOAD_SECONDS_VARIABLE = 'PONY_BUILD_BENCH_LOAD_SECONDS';

type AuthMode = 'open' | 'tokens';

export interface Client {
  index: number;
  host: string;
  transport: 'xmlrpc' | 'json';
  /** None for a server that takes anonymous writes. */
  token?: { name: string; secret: string };
}

export interface Acknowledged {
  resultKey: number;
  host: string;
  submissionId: string;
}

export interface SliceLoad {
  /** Results acknowledged between the end of the warm-up and the deadline. */
  measured: number;
  seconds: number;
  latenciesMs: number[];
  errors: number;
  firstError?: string;
  acknowledged: Acknowledged[];
  /** The server's CPU seconds during the measured window; undefined where /proc cannot tell. */
  serverCpuSeconds?: number;
}

export interface LoadFigures {
  resultsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  results: number;
  errors: number;
  firstError?: string;
  lost: number;
  /** Stored without the client hearing of it (a request that failed on the way back). */
  unacknowledged: number;
  /** The server process's CPU time per result: what a shared machine's load moves least. */
  serverCpuMsPerResult?: number;
}

function readLoadSeconds(env: NodeJS.ProcessEnv): number {
  const value = env[LOAD_SECONDS_VARIABLE];
  if (value === undefined || value === '') {
    return 60;
  }
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 2) {
    throw new TypeError(`Expected ${LOAD_SECONDS_VARIABLE} to be a number of seconds, 2 or more, got ${JSON.stringify(value)}`);
  }
  return seconds;
}

/** A result as a build machine sends it: four steps with some output, the last with test cases. */
function makeResult(client: Client, submissionId: string): { clientInfo: ClientInfo; results: StepResult[] } {
  const line = `cc -O2 -c src/file.c -o build/file.o  \u001b[33mwarning\u001b[0m: <unused> & friends\n`;
  const steps: StepResult[] = ['checkout', 'configure', 'compile', 'test'].map((name, index) => ({
    name,
    type: index === 0 ? 'setup' : index === 3 ? 'test' : 'build',
    status: 0,
    output: line.repeat(20 + index * 10),
    errout: index === 2 ? 'note: 2 warnings\n' : '',
    command: ['make', name],
    duration: 0.5 + index,
  }));
  steps[3]!.test_cases = Array.from({ length: 5 }, (_, index) => ({
    name: `case_${index}`, suite: 'suite', status: index === 4 && client.index % 7 === 0 ? 'failed' : 'passed', duration: 0.01 * index,
    ...(index === 4 && client.index % 7 === 0 ? { message: 'expected <1> & got <2>' } : {}),
  }));
  return {
    clientInfo: {
      package: `bench-${client.index % 5}`, host: client.host, arch: 'linux-x86_64', success: true,
      tags: ['load'], duration: 12.5, submission_id: submissionId,
    },
    results: steps,
  };
}

async function sendOverJson(server: ServerAddress, result: { clientInfo: ClientInfo; results: StepResult[] }): Promise<number> {
  const { target, authorization } = splitCredentials(new URL('api/v1/results', server.xmlrpcUrl).href);
  const answer = await postDocument(target, {
    'Content-Type': 'application/json',
    'User-Agent': 'pony-build',
    ...(authorization ? { Authorization: authorization } : {}),
  }, JSON.stringify({ client_info: result.clientInfo, results_list: result.results }), requestTimeoutMs);
  const text = answer.body.toString('utf8');
  if (answer.status !== 201) {
    throw new Error(`POST /api/v1/results: HTTP ${answer.status}: ${text.slice(0, 300)}`);
  }
  return (JSON.parse(text) as { result_key: number }).result_key;
}

/** User and system CPU seconds of a process so far, from /proc; undefined elsewhere. */
function readProcessCpuSeconds(pid: number): number | undefined {
  try {
    // The command name may hold spaces; the fields after it are counted from its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticksPerSecond = 100;
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** Each client sends one result after another until the deadline; what counts starts after the warm-up. */
export async function runClients(url: string, clients: Client[], warmup: number, seconds: number, serverPid: number): Promise<SliceLoad> {
  const started = performance.now();
  const measureFrom = started + warmup * 1000;
  const deadline = measureFrom + seconds * 1000;
  const load = { measured: 0, seconds, latenciesMs: [] as number[], errors: 0, firstError: undefined as string | undefined, acknowledged: [] as Acknowledged[] };
  let cpuAtStart: number | undefined;
  let cpuAtEnd: number | undefined;
  const sampleStart = setTimeout(() => (cpuAtStart = readProcessCpuSeconds(serverPid)), measureFrom - started);
  const sampleEnd = setTimeout(() => (cpuAtEnd = readProcessCpuSeconds(serverPid)), deadline - started);
  await Promise.all(clients.map(async (client) => {
    const server = parseServerUrl(url, client.token);
    while (performance.now() < deadline) {
      const submissionId = randomUUID();
      const result = makeResult(client, submissionId);
      const sentAt = performance.now();
      try {
        const resultKey = client.transport === 'json'
          ? await sendOverJson(server, result)
          : (await sendResults(server, result.clientInfo, result.results, requestTimeoutMs)).resultKey;
        const answeredAt = performance.now();
        load.acknowledged.push({ resultKey, host: client.host, submissionId });
        // Counted by when it was answered, so a request straddling either end is neither lost nor counted twice.
        if (answeredAt >= measureFrom && answeredAt <= deadline) {
          load.measured += 1;
          load.latenciesMs.push(answeredAt - sentAt);
        }
      } catch (error) {
        load.errors += 1;
        load.firstError ??= (error as Error).message.slice(0, 300);
      }
    }
  }));
  clearTimeout(sampleStart);
  clearTimeout(sampleEnd);
  return { ...load, serverCpuSeconds: cpuAtStart === undefined || cpuAtEnd === undefined ? undefined : cpuAtEnd - cpuAtStart };
}

async function startServe(directory: string, file: string, auth: AuthMode) {
  const config = path.join(directory, 'config.json');
  writeFileSync(config, JSON.stringify({ limits: { requests_per_minute: 0 } }));
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), cliFile, 'serve', '--port', '0', '--db', file, '--config', config, '--auth', auth, '--max-body', '64M'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The request log is a line per request: only its tail is kept, for a server that dies.
  let stderrTail = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderrTail = (stderrTail + chunk).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const listening = /listening on (\S+)/.exec(stdout);
      if (listening) {
        resolve(listening[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`pony-build serve --auth ${auth} exited (${code}): ${stderrTail}`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Makes a token per client in the database the server will open; open mode ignores them. */
async function addClientTokens(file: string, clients: Array<Omit<Client, 'token'>>): Promise<Client[]> {
  const coordinator = createCoordinator(openSqliteStore(file));
  try {
    const withTokens: Client[] = [];
    for (const client of clients) {
      const { secret } = await coordinator.addClientToken(`bench-${client.index}`);
      withTokens.push({ ...client, token: { name: `bench-${client.index}`, secret } });
    }
    return withTokens;
  } finally {
    await coordinator.close();
  }
}

/**
 * Every acknowledged key must name the result its client sent; anything else stored after the
 * `storedBefore` results already there was never acknowledged. `db` is a SQLite file or a
 * postgres:// URL, `filesDirectory` its --data-dir.
 */
export async function countLost(
  db: string, acknowledged: Acknowledged[], { storedBefore = 0, filesDirectory }: { storedBefore?: number; filesDirectory?: string } = {},
): Promise<{ lost: number; unacknowledged: number }> {
  const store = await openStore(db, { filesDirectory });
  try {
    let lost = 0;
    for (const sent of acknowledged) {
      const stored = await store.getResult(sent.resultKey);
      if (stored?.clientInfo.host !== sent.host || stored.clientInfo.submission_id !== sent.submissionId) {
        lost += 1;
      }
    }
    return { lost, unacknowledged: (await store.countResults()) - storedBefore - (acknowledged.length - lost) };
  } finally {
    await store.close();
  }
}

interface ModeServer {
  auth: AuthMode;
  clients: Client[];
  file: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
  slices: SliceLoad[];
}

/** The build machines, without tokens: every tenth sends over the JSON API, the rest over XML-RPC. */
export function makeClients(): Client[] {
  return Array.from({ length: clientCount }, (_, index) => ({
    index, host: `machine-${index}`, transport: index % jsonEveryNth === jsonEveryNth - 1 ? 'json' as const : 'xmlrpc' as const,
  }));
}

async function startMode(directory: string, auth: AuthMode): Promise<ModeServer> {
  const file = path.join(directory, `${auth}.db`);
  const clients = await addClientTokens(file, makeClients());
  const server = await startServe(directory, file, auth);
  return { auth, clients, file, ...server, slices: [] };
}

/** One turn of load on one server: `warmup` seconds not measured, then `seconds` measured. */
async function runSlice(mode: ModeServer, warmup: number, seconds: number): Promise<void> {
  mode.slices.push(await runClients(mode.url, mode.clients, warmup, seconds, mode.pid));
}

export function summarise(slices: SliceLoad[], check: { lost: number; unacknowledged: number }): LoadFigures {
  const latencies = slices.flatMap((slice) => slice.latenciesMs).sort((a, b) => a - b);
  const at = (fraction: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] ?? Number.NaN;
  const results = slices.reduce((total, slice) => total + slice.measured, 0);
  const seconds = slices.reduce((total, slice) => total + slice.seconds, 0);
  const cpuSeconds = slices.every((slice) => slice.serverCpuSeconds !== undefined)
    ? slices.reduce((total, slice) => total + slice.serverCpuSeconds!, 0)
    : undefined;
  return {
    resultsPerSecond: results / seconds,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    results,
    errors: slices.reduce((total, slice) => total + slice.errors, 0),
    firstError: slices.find((slice) => slice.firstError !== undefined)?.firstError,
    ...check,
    serverCpuMsPerResult: cpuSeconds === undefined ? undefined : (cpuSeconds * 1000) / results,
  };
}

export async function measureLoadClients(env: NodeJS.ProcessEnv = process.env) {
  const seconds = readLoadSeconds(env);
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-bench-load-'));
  try {
    // Both servers, and these clients, are warmed up before anything is measured (the JIT of a
    // fresh process is slow). Then one server has the load at a time, a quarter of its time in each
    // turn, in the order open, tokens, tokens, open twice over: a load that rises or falls
    // steadily costs both the same.
    const modes: ModeServer[] = [];
    try {
      modes.push(await startMode(directory, 'open'), await startMode(directory, 'tokens'));
      const [open, tokens] = modes as [ModeServer, ModeServer];
      await runSlice(open, warmupSeconds, 0);
      await runSlice(tokens, warmupSeconds, 0);
      for (const mode of [open, tokens, tokens, open, open, tokens, tokens, open]) {
        await runSlice(mode, 0, seconds / 4);
      }
    } finally {
      await Promise.all(modes.map((mode) => mode.stop()));
    }
    const [open, tokens] = modes as [ModeServer, ModeServer];
    const openFigures = summarise(open.slices, await countLost(open.file, open.slices.flatMap((slice) => slice.acknowledged)));
    const withTokens = summarise(tokens.slices, await countLost(tokens.file, tokens.slices.flatMap((slice) => slice.acknowledged)));
    const tokensOverOpen = withTokens.resultsPerSecond / openFigures.resultsPerSecond;
    return {
      clients: clientCount,
      jsonClients: Math.floor(clientCount / jsonEveryNth),
      secondsPerMode: seconds,
      warmupSeconds,
      open: openFigures,
      tokens: withTokens,
      tokensOverOpen,
      tokenCheckWithin10Percent: tokensOverOpen >= 0.9,
      /** Server CPU per result, tokens / open: the token check's cost as the server pays it. */
      cpuTokensOverOpen: withTokens.serverCpuMsPerResult === undefined || openFigures.serverCpuMsPerResult === undefined
        ? undefined
        : withTokens.serverCpuMsPerResult / openFigures.serverCpuMsPerResult,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureLoadClients(), null, 2));
}

// pony-build at scale, SQLite against PostgreSQL on the same machine in one run: a million
// results (ten million test cases) across 50 packages and 1000 tagsets, generated in bulk into
// databases the store created, then a real server on each. Measures the server's start, the
// pages people open (dashboard, package, result, test history), 50 clients submitting results,
// the database's size per result, and how long retention takes to prune 100,000 results.
//
// PONY_BUILD_BENCH_SCALE_RESULTS: results per database (default 1,000,000);
// PONY_BUILD_BENCH_SCALE_SQLITE_RESULTS: a different count for SQLite (default the same);
// PONY_BUILD_BENCH_SCALE_INGEST_SECONDS: how long each store takes the 50 clients (default 30).
// PostgreSQL is the server named in PONY_BUILD_TEST_POSTGRES (scripts/with-postgres.mjs starts
// one); without it only SQLite is measured, and the report says so loudly.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCoordinator, openStore } from '../server/index.ts';
import { createBenchDatabase, explainMissingPostgres, POSTGRES_SERVER_VARIABLE, type BenchDatabase } from './bench-postgres.ts';
import { clientCount, countLost, makeClients, runClients, summarise, warmupSeconds, type SliceLoad } from './load-clients.ts';
import { startServerChild, timePage } from './page-latency.ts';
import { checkLoadedSample } from './scale-check.ts';
import { PACKAGE_COUNT, planScaleData, receivedAtOf, SECONDS_BETWEEN_RESULTS, TAGSET_COUNT, TEST_CASES_PER_RESULT, type ScalePlan } from './scale-data.ts';
import { loadPostgresScaleData, postgresDatabaseBytes } from './scale-load-postgres.ts';
import { loadSqliteScaleData, sqliteDatabaseBytes } from './scale-load-sqlite.ts';
import { describeScaleStore, type ScaleFigures, type ScaleStoreFigures, type StoreKind } from './scale-report.ts';

export const SCALE_RESULTS_VARIABLE = 'PONY_BUILD_BENCH_SCALE_RESULTS';
export const SCALE_SQLITE_RESULTS_VARIABLE = 'PONY_BUILD_BENCH_SCALE_SQLITE_RESULTS';
export const SCALE_INGEST_SECONDS_VARIABLE = 'PONY_BUILD_BENCH_SCALE_INGEST_SECONDS';

const DEFAULT_RESULTS = 1_000_000;
// Two results per tagset at least, so that pruning the oldest tenth never meets a tagset's newest.
const MINIMUM_RESULTS = 2 * TAGSET_COUNT;
const PRUNED_AT_MOST = 100_000;
const SHOWN_PACKAGE = 'package-7';

function readNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const value = env[name];
  if (value === undefined || value === '') {
    return fallback;
  }
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw new TypeError(`Expected ${name} to be a whole number, ${minimum} or more, got ${JSON.stringify(value)}`);
  }
  return number;
}

interface StoreUnderTest {
  kind: StoreKind;
  db: string;
  dataDir: string;
  plan: ScalePlan;
  load(progress: (loaded: number) => void): Promise<void>;
  sizeBytes(): Promise<number>;
}

type Server = Awaited<ReturnType<typeof startServerChild>>;

/** A line every tenth of the load (every 10,000 results at least), so a long load shows it is moving. */
function reportProgress(store: StoreUnderTest, started: number, log: (line: string) => void) {
  const step = Math.max(10_000, Math.ceil(store.plan.results / 10));
  let next = step;
  return (loaded: number) => {
    if (loaded >= next || loaded === store.plan.results) {
      log(`  ${store.kind}: ${loaded.toLocaleString('en')} of ${store.plan.results.toLocaleString('en')} results loaded (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      next = loaded + step - (loaded % step);
    }
  };
}

async function loadStore(store: StoreUnderTest, log: (line: string) => void) {
  const started = performance.now();
  await store.load(reportProgress(store, started, log));
  const loadSeconds = (performance.now() - started) / 1000;
  const checked = await openStore(store.db, { filesDirectory: store.dataDir });
  try {
    await checkLoadedSample(checked, store.plan, store.kind);
  } finally {
    await checked.close();
  }
  return { loadSeconds, sizeBytes: await store.sizeBytes() };
}

async function timePages(store: StoreUnderTest, url: string) {
  const testCase = store.plan.outcomes.passed.testCases[3]!;
  const test = new URLSearchParams({ suite: testCase.suite, name: testCase.name });
  return {
    dashboard: await timePage(url),
    packagePage: await timePage(`${url}packages/${SHOWN_PACKAGE}`),
    resultPage: await timePage(`${url}results/${Math.floor(store.plan.results / 2) + 7}`),
    testHistory: await timePage(`${url}packages/${SHOWN_PACKAGE}/tests?${test}`),
  };
}

/** Retention by age, through the coordinator, with a cutoff between the `count`th oldest result and the next. */
async function timePruning(store: StoreUnderTest, count: number) {
  const coordinator = createCoordinator(await openStore(store.db, { filesDirectory: store.dataDir }), {
    retention: { keepLast: null, maxAgeDays: 1, intervalSeconds: 3600 },
  });
  try {
    const cutoff = receivedAtOf(store.plan, count + 1) - SECONDS_BETWEEN_RESULTS / 2;
    const started = performance.now();
    const { removed } = await coordinator.pruneResults(cutoff + 86_400);
    const seconds = (performance.now() - started) / 1000;
    if (removed !== count) {
      throw new Error(`${store.kind}: retention removed ${removed} results, expected the ${count} oldest`);
    }
    return { results: removed, seconds };
  } finally {
    await coordinator.close();
  }
}

function makeStores(directory: string, results: number, sqliteResults: number, postgres: BenchDatabase | undefined): StoreUnderTest[] {
  const sqliteFile = path.join(directory, 'scale.db');
  const sqlitePlan = planScaleData(sqliteResults);
  const stores: StoreUnderTest[] = [{
    kind: 'sqlite', db: sqliteFile, dataDir: path.join(directory, 'sqlite-files'), plan: sqlitePlan,
    load: (progress) => loadSqliteScaleData(sqliteFile, sqlitePlan, progress),
    sizeBytes: async () => sqliteDatabaseBytes(sqliteFile),
  }];
  if (postgres) {
    const dataDir = path.join(directory, 'postgres-files');
    const plan = planScaleData(results);
    stores.push({
      kind: 'postgres', db: postgres.url, dataDir, plan,
      load: (progress) => loadPostgresScaleData(postgres.url, dataDir, plan, progress),
      sizeBytes: () => postgresDatabaseBytes(postgres.url),
    });
  }
  for (const store of stores) {
    mkdirSync(store.dataDir);
  }
  return stores;
}

/**
 * The clients of load-clients.ts on each server: a warm-up each, then turns of half the time
 * in the order A B B A, so that a shared machine's drift falls on both stores alike.
 */
async function runIngest(stores: StoreUnderTest[], servers: Server[], seconds: number): Promise<SliceLoad[][]> {
  const clients = makeClients();
  const slices: SliceLoad[][] = stores.map(() => []);
  // The warm-up's slices measure nothing (0 s), but their acknowledged results are checked too.
  for (const [index, server] of servers.entries()) {
    slices[index]!.push(await runClients(server.url, clients, warmupSeconds, 0, server.pid));
  }
  const order = stores.length === 1 ? [0, 0] : [0, 1, 1, 0];
  for (const index of order) {
    slices[index]!.push(await runClients(servers[index]!.url, clients, 0, seconds / 2, servers[index]!.pid));
  }
  return slices;
}

export async function measureScale(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = () => {}): Promise<ScaleFigures> {
  const results = readNumber(env, SCALE_RESULTS_VARIABLE, DEFAULT_RESULTS, MINIMUM_RESULTS);
  const sqliteResults = readNumber(env, SCALE_SQLITE_RESULTS_VARIABLE, results, MINIMUM_RESULTS);
  const ingestSeconds = readNumber(env, SCALE_INGEST_SECONDS_VARIABLE, 30, 2);
  const postgresSkipped = explainMissingPostgres(env);
  if (postgresSkipped !== undefined) {
    log(`*** scale: PostgreSQL SKIPPED, only SQLite is measured: ${postgresSkipped} ***`);
  }
  const postgres = postgresSkipped === undefined ? await createBenchDatabase(env[POSTGRES_SERVER_VARIABLE]!, 'pony_build_bench_scale') : undefined;
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pony-bench-scale-'));
  const servers: Server[] = [];
  try {
    const stores = makeStores(directory, results, sqliteResults, postgres);
    const loads = [];
    for (const store of stores) {
      log(`  ${store.kind}: generating ${store.plan.results.toLocaleString('en')} results...`);
      loads.push(await loadStore(store, log));
    }
    const pages = [];
    const starts = [];
    for (const store of stores) {
      const server = await startServerChild(store.db, store.dataDir);
      servers.push(server);
      starts.push({ startServerMs: server.startServerMs, processReadyMs: server.processReadyMs, rssAfterStartMb: server.rssAfterStartMb });
      log(`  ${store.kind}: server listening after ${server.startServerMs.toFixed(0)} ms; timing pages...`);
      pages.push(await timePages(store, server.url));
    }
    log(`  ingest: ${clientCount} clients, ${ingestSeconds} s per store...`);
    const slices = await runIngest(stores, servers, ingestSeconds);
    const peakRssMb = [];
    for (const server of servers.splice(0)) {
      peakRssMb.push(await server.stop());
    }
    const figures: ScaleStoreFigures[] = [];
    for (const [index, store] of stores.entries()) {
      const storeSlices = slices[index]!;
      const ingest = summarise(storeSlices, await countLost(store.db, storeSlices.flatMap((slice) => slice.acknowledged), { storedBefore: store.plan.results, filesDirectory: store.dataDir }));
      const pruneCount = Math.min(PRUNED_AT_MOST, Math.floor(store.plan.results / 10));
      log(`  ${store.kind}: pruning the ${pruneCount.toLocaleString('en')} oldest results...`);
      const prune = await timePruning(store, pruneCount);
      const { loadSeconds, sizeBytes } = loads[index]!;
      figures.push({
        store: store.kind,
        results: store.plan.results,
        testCases: store.plan.results * TEST_CASES_PER_RESULT,
        packages: PACKAGE_COUNT,
        tagsets: TAGSET_COUNT,
        loadSeconds,
        loadSecondsPer10k: (loadSeconds * 10_000) / store.plan.results,
        databaseBytes: sizeBytes,
        bytesPerResult: sizeBytes / store.plan.results,
        ...starts[index]!,
        peakRssMb: peakRssMb[index],
        pages: pages[index]!,
        ingest,
        prune,
      });
    }
    return { ingestClients: clientCount, ingestWarmupSeconds: warmupSeconds, ingestSeconds, stores: figures, postgresSkipped };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await postgres?.drop();
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = await measureScale(process.env, (line) => process.stderr.write(`${line}\n`));
  for (const store of scale.stores) {
    console.log(JSON.stringify(store));
    console.log(describeScaleStore(store));
  }
  if (scale.postgresSkipped !== undefined) {
    console.log(`*** PostgreSQL was SKIPPED: ${scale.postgresSkipped} ***`);
  }
}

// The scale benchmark's figures, and how they read: a line per store, and the section of
// bench/report.md with both stores side by side and a verdict on each target.
import type { LoadFigures } from './load-clients.ts';
import { fixed, verdict } from './report-format.ts';

export type StoreKind = 'sqlite' | 'postgres';

export interface PageTiming {
  medianMs: number;
  p95Ms: number;
}

export interface ScaleStoreFigures {
  store: StoreKind;
  results: number;
  testCases: number;
  packages: number;
  tagsets: number;
  /** Generating and writing the data set, checks and (PostgreSQL) VACUUM ANALYZE included. */
  loadSeconds: number;
  loadSecondsPer10k: number;
  /** SQLite: the file and its WAL; PostgreSQL: pg_database_size. After the load, before ingest. */
  databaseBytes: number;
  bytesPerResult: number;
  startServerMs: number;
  processReadyMs: number;
  rssAfterStartMb: number;
  peakRssMb: number | undefined;
  pages: { dashboard: PageTiming; packagePage: PageTiming; resultPage: PageTiming; testHistory: PageTiming };
  ingest: LoadFigures;
  prune: { results: number; seconds: number };
}

export interface ScaleFigures {
  ingestClients: number;
  ingestWarmupSeconds: number;
  ingestSeconds: number;
  stores: ScaleStoreFigures[];
  /** Why PostgreSQL was not measured; undefined when it was. */
  postgresSkipped: string | undefined;
}

const STORE_NAMES: Record<StoreKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const PAGE_TARGET_MS = 50;
const START_TARGET_MS = 1000;
const INGEST_RATIO_TARGET = 0.5;
const PAGES = [
  ['dashboard', 'dashboard `/`'],
  ['packagePage', 'package page `/packages/package-7`'],
  ['resultPage', 'result page `/results/<key>`'],
  ['testHistory', 'test history `/packages/package-7/tests?suite=&name=`'],
] as const;

const count = (value: number) => value.toLocaleString('en');

export function ingestRatio(scale: ScaleFigures): number | undefined {
  const sqlite = scale.stores.find((store) => store.store === 'sqlite');
  const postgres = scale.stores.find((store) => store.store === 'postgres');
  return sqlite && postgres ? postgres.ingest.resultsPerSecond / sqlite.ingest.resultsPerSecond : undefined;
}

/** One line for people, beside the JSON line. */
export function describeScaleStore(store: ScaleStoreFigures): string {
  const pages = PAGES.map(([key]) => `${key} ${fixed(store.pages[key].medianMs, 1)}/${fixed(store.pages[key].p95Ms, 1)} ms`).join(', ');
  return `${STORE_NAMES[store.store]}: ${count(store.results)} results generated in ${fixed(store.loadSeconds, 1)} s `
    + `(${fixed(store.loadSecondsPer10k, 2)} s per 10,000), ${fixed(store.bytesPerResult / 1024, 2)} KiB per result; `
    + `start ${fixed(store.startServerMs, 0)} ms; pages median/p95: ${pages}; `
    + `ingest ${fixed(store.ingest.resultsPerSecond, 1)} results/s (p95 ${fixed(store.ingest.p95Ms, 0)} ms, ${store.ingest.errors} errors, ${store.ingest.lost} lost); `
    + `pruning ${count(store.prune.results)} results took ${fixed(store.prune.seconds, 1)} s`;
}

function row(label: string, cells: string[], target = '') {
  return `| ${label} | ${cells.join(' | ')} | ${target} |`;
}

/** The section's body (run.ts writes its heading). */
export function formatScaleReport(scale: ScaleFigures): string {
  const { stores } = scale;
  const cell = (read: (store: ScaleStoreFigures) => string) => stores.map(read);
  const ratio = ingestRatio(scale);
  const lines = [
    scale.postgresSkipped === undefined
      ? 'SQLite and PostgreSQL on this machine in one run (PostgreSQL: the server in `PONY_BUILD_TEST_POSTGRES`; `scripts/with-postgres.mjs` starts a local one with fsync off).'
      : `**PostgreSQL was SKIPPED: ${scale.postgresSkipped}.** Only SQLite was measured.`,
    '',
    `The data set is generated in bulk straight into databases the store created (the bags in the stored tagged JSON, the tagsets rows and test cases as the store keeps them): `
    + `${stores[0]?.packages ?? 0} packages, ${stores[0]?.tagsets ?? 0} tagsets, every seventh result failing, four steps with short output and ${stores[0] ? stores[0].testCases / stores[0].results : 0} test cases each. `
    + 'PostgreSQL is vacuumed and analysed after the load, as autovacuum would have done; SQLite is left as the store leaves it. '
    + `Pages: one client, 60 requests each after 5 warm-up requests. Ingest: the ${scale.ingestClients} clients of section 11 (\`--auth open\`), a ${scale.ingestWarmupSeconds} s warm-up each, then ${scale.ingestSeconds} s per store in turns (A B B A). `
    + 'Pruning: retention by age through the coordinator, the cutoff just after the oldest tenth (100,000 at most).',
    '',
    `| | ${stores.map((store) => STORE_NAMES[store.store]).join(' | ')} | target |`,
    `|---|${stores.map(() => '---|').join('')}---|`,
    row('results (test cases)', cell((store) => `${count(store.results)} (${count(store.testCases)})`)),
    row('generation', cell((store) => `${fixed(store.loadSeconds, 0)} s (${fixed(store.loadSecondsPer10k, 2)} s per 10,000)`)),
    row('database size per result', cell((store) => `${fixed(store.bytesPerResult / 1024, 2)} KiB (${fixed(store.databaseBytes / 1024 ** 3, 2)} GiB in all)`)),
    row('`startServer()`', cell((store) => `${fixed(store.startServerMs, 0)} ms (${verdict(store.startServerMs < START_TARGET_MS)})`), 'under 1 s'),
    row('process answering, Node and tsx included', cell((store) => `${fixed(store.processReadyMs, 0)} ms`)),
    ...PAGES.map(([key, label]) => row(`${label}: median / p95`,
      cell((store) => `${fixed(store.pages[key].medianMs, 1)} / ${fixed(store.pages[key].p95Ms, 1)} ms (${verdict(store.pages[key].p95Ms < PAGE_TARGET_MS)})`),
      `p95 under ${PAGE_TARGET_MS} ms`)),
    row(`ingest, ${scale.ingestClients} clients`, cell((store) => `${fixed(store.ingest.resultsPerSecond, 1)} results/s`),
      ratio === undefined ? 'PostgreSQL at least half of SQLite: **not measured**' : `PostgreSQL / SQLite ${fixed(ratio)} (${verdict(ratio >= INGEST_RATIO_TARGET)})`),
    row('ingest latency p50 / p95 / p99', cell((store) => `${fixed(store.ingest.p50Ms, 0)} / ${fixed(store.ingest.p95Ms, 0)} / ${fixed(store.ingest.p99Ms, 0)} ms`)),
    row('server CPU per result', cell((store) => (store.ingest.serverCpuMsPerResult === undefined ? 'not measured' : `${fixed(store.ingest.serverCpuMsPerResult)} ms`))),
    row('ingest errors; results lost', cell((store) => `${store.ingest.errors}${store.ingest.firstError === undefined ? '' : ` (first: ${store.ingest.firstError})`}; ${store.ingest.lost} (${verdict(store.ingest.lost === 0)})`)),
    row('pruning the oldest results', cell((store) => `${count(store.prune.results)} in ${fixed(store.prune.seconds, 1)} s`)),
    row('server RSS: started / peak', cell((store) => `${fixed(store.rssAfterStartMb, 0)} / ${store.peakRssMb === undefined ? 'not reported' : fixed(store.peakRssMb, 0)} MB`)),
  ];
  return lines.join('\n');
}

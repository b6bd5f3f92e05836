// Real servers for tests: a real SQLite file in a fresh temp directory, on an ephemeral
// port, closed (and the directory removed) when the test ends. With PONY_BUILD_TEST_STORE=postgres
// (the second pass of scripts/run-tests.mjs) they run on a fresh PostgreSQL database instead,
// so the same coordinator tests prove both stores. Stores opened beside a server, and the reads
// and writes that go straight to the database, take either kind of `--db`.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ExecutionContext } from 'ava';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  createApp,
  createCoordinator,
  openStore,
  startServer,
  type Coordinator,
  type RunningServer,
  type ServerOptions,
  type Store,
} from '../../../server/index.ts';
import { isPostgresUrl } from '../../../server/store/postgres-database.ts';
import { createTestDatabase } from '../../helpers/postgres.ts';

export interface TestServer {
  url: string;
  db: string;
  server: RunningServer;
  logLines: string[];
}

/** A temp directory removed when the test ends. */
export function makeTempDirectory(t: ExecutionContext): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pony-build-server-test-'));
  t.teardown(() => fs.rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** True in the pass that runs the coordinator tests on PostgreSQL. */
export const onPostgres = process.env.PONY_BUILD_TEST_STORE === 'postgres';

// Where each PostgreSQL test database keeps its uploaded files, so that every server and store
// opened on one database later (a restart, a second instance, a store opened beside a running
// server) finds the same files, as SQLite's `<db>.files/` does.
const filesDirectories = new Map<string, string>();

/** A fresh database for one test, as `--db` names it: a SQLite file, or a PostgreSQL database in the PostgreSQL pass. */
export async function createTestDb(t: ExecutionContext): Promise<string> {
  if (!onPostgres) {
    return path.join(makeTempDirectory(t), 'results.db');
  }
  const db = await createTestDatabase(t);
  filesDirectoryOf(t, db);
  return db;
}

/** Where uploads of `db` go: one temp directory per PostgreSQL database; for SQLite, its default beside the file. */
export function filesDirectoryOf(t: ExecutionContext, db: string): string | undefined {
  if (!isPostgresUrl(db)) {
    return undefined;
  }
  let directory = filesDirectories.get(db);
  if (directory === undefined) {
    directory = path.join(makeTempDirectory(t), 'files');
    filesDirectories.set(db, directory);
  }
  return directory;
}

/** The directory that holds the uploaded files of `db`, wherever the store keeps them. */
export function uploadsDirectoryOf(t: ExecutionContext, db: string): string {
  return filesDirectoryOf(t, db) ?? `${db}.files`;
}

/** The options that start `pony-build serve` on `db`: `--db`, and `--data-dir` where its uploads go on PostgreSQL. */
export function serveDatabaseArguments(t: ExecutionContext, db: string): string[] {
  const filesDirectory = filesDirectoryOf(t, db);
  return filesDirectory === undefined ? ['--db', db] : ['--db', db, '--data-dir', filesDirectory];
}

/** A test database for a whole file, made in test.before: its `serve` options, and `remove()` for test.after.always. */
export async function createFileDb(): Promise<{ db: string; serveArguments: string[]; remove(): Promise<void> }> {
  // A hook's teardowns run when the hook ends; these run when the file's last test has.
  const cleanups: Array<() => unknown> = [];
  const fileContext = { teardown: (cleanup: () => unknown) => cleanups.push(cleanup) } as unknown as ExecutionContext;
  const db = await createTestDb(fileContext);
  return {
    db,
    serveArguments: serveDatabaseArguments(fileContext, db),
    async remove() {
      for (const cleanup of cleanups.reverse()) {
        await cleanup();
      }
    },
  };
}

/** The store on `db` (a test database a server may be using too), closed when the test ends. */
export async function openTestStore(t: ExecutionContext, db: string): Promise<Store> {
  const store = await openStore(db, { filesDirectory: filesDirectoryOf(t, db) });
  t.teardown(() => store.close());
  return store;
}

/** A store on a fresh test database, closed when the test ends. */
export async function createTestStore(t: ExecutionContext): Promise<Store> {
  return openTestStore(t, await createTestDb(t));
}

/** The store on a database createTestDb made, with the files directory its servers use; the caller closes it. */
export function openStoreOf(db: string): Promise<Store> {
  if (isPostgresUrl(db) && !filesDirectories.has(db)) {
    // PostgreSQL's default files directory is relative to the working directory: the project's.
    throw new Error(`openStoreOf: ${db} was not made by createTestDb, so it has no files directory; use openTestStore`);
  }
  return openStore(db, { filesDirectory: filesDirectories.get(db) });
}

export async function startTestServer(t: ExecutionContext, options: ServerOptions = {}): Promise<TestServer> {
  const db = options.db ?? await createTestDb(t);
  const dataDir = options.dataDir ?? filesDirectoryOf(t, db);
  const logLines: string[] = [];
  const server = await startServer({ port: 0, log: (line) => logLines.push(line), ...options, db, dataDir });
  t.teardown(() => server.close());
  return { url: server.url, db, server, logLines };
}

export interface TestApp {
  url: string;
  db: string;
  coordinator: Coordinator;
  logLines: string[];
}

/** The app built by hand, for tests that need the coordinator itself (build requests, a fake clock). */
export async function startTestApp(
  t: ExecutionContext,
  options: { now?: () => number; maxBodyBytes?: number; coordinator?: Coordinator } = {},
): Promise<TestApp> {
  const db = await createTestDb(t);
  const coordinator = options.coordinator ?? createCoordinator(await openStore(db, { filesDirectory: filesDirectoryOf(t, db) }), { now: options.now });
  const logLines: string[] = [];
  const app = createApp(coordinator, { maxBodyBytes: options.maxBodyBytes, log: (line) => logLines.push(line) });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await coordinator.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, db, coordinator, logLines };
}

export type CountedTable = 'results' | 'uploads' | 'admin_sessions';

/** Counts rows straight from the database (a SQLite file or a PostgreSQL URL), to prove what was (not) stored. */
export function countRows(db: string, table: CountedTable = 'results'): Promise<number> {
  return readCount(db, `SELECT count(*) AS count FROM ${table}`);
}

/** The `count` column of the one row `sql` (valid in SQLite and PostgreSQL alike) reads straight from the database. */
export async function readCount(db: string, sql: string): Promise<number> {
  return (await readRows<{ count: number }>(db, sql))[0]!.count;
}

// bigint (keys, counts) as a number, as the store reads it, so rows compare equal on both stores.
const INT8_OID = 20;
const numericBigints = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format),
};

/** A connection to a PostgreSQL test database, for reading and writing behind the server's back. */
async function connectDirectly(db: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: db, types: numericBigints });
  await client.connect();
  return client;
}

/** The rows `sql` (valid in SQLite and PostgreSQL alike) reads straight from the database, as the server left it. */
export async function readRows<Row>(db: string, sql: string): Promise<Row[]> {
  if (isPostgresUrl(db)) {
    const client = await connectDirectly(db);
    try {
      return (await client.query(sql)).rows as Row[];
    } finally {
      await client.end();
    }
  }
  const database = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return database.prepare(sql).all() as Row[];
  } finally {
    database.close();
  }
}

/** Runs `statements` (valid in SQLite and PostgreSQL alike) in one transaction straight on the database, as no server would. */
export async function writeDirectly(db: string, statements: readonly string[]): Promise<void> {
  if (isPostgresUrl(db)) {
    const client = await connectDirectly(db);
    try {
      await client.query('BEGIN');
      for (const statement of statements) {
        await client.query(statement);
      }
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    return;
  }
  const database = new Database(db, { fileMustExist: true });
  try {
    database.transaction(() => statements.forEach((statement) => database.exec(statement)))();
  } finally {
    database.close();
  }
}

/** A fake clock in Unix seconds that tests move by hand. */
export function createClock(start = 1_700_000_000) {
  let time = start;
  return {
    now: () => time,
    advance(seconds: number) {
      time += seconds;
    },
  };
}

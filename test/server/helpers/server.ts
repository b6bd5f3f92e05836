// Real servers for tests: a real SQLite file in a fresh temp directory, on an ephemeral
// port, closed (and the directory removed) when the test ends. With PONY_BUILD_TEST_STORE=postgres
// (the second pass of scripts/run-tests.mjs) they run on a fresh PostgreSQL database instead,
// so the same coordinator tests prove both stores.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ExecutionContext } from 'ava';
import Database from 'better-sqlite3';
import {
  createApp,
  createCoordinator,
  openStore,
  startServer,
  type Coordinator,
  type RunningServer,
  type ServerOptions,
} from '../../../server/index.ts';
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

/** A fresh database for one test, as `--db` names it: a SQLite file, or a PostgreSQL database in the PostgreSQL pass. */
export async function createTestDb(t: ExecutionContext): Promise<string> {
  return onPostgres ? createTestDatabase(t) : path.join(makeTempDirectory(t), 'results.db');
}

export async function startTestServer(t: ExecutionContext, options: ServerOptions = {}): Promise<TestServer> {
  const db = options.db ?? await createTestDb(t);
  const dataDir = options.dataDir ?? (onPostgres ? path.join(makeTempDirectory(t), 'files') : undefined);
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
  const filesDirectory = onPostgres ? path.join(makeTempDirectory(t), 'files') : undefined;
  const coordinator = options.coordinator ?? createCoordinator(await openStore(db, { filesDirectory }), { now: options.now });
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

/** Counts rows straight from the database file, to prove what was (not) stored. */
export function countRows(db: string, table: 'results' | 'uploads' = 'results'): number {
  const database = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (database.prepare(`SELECT count(*) AS count FROM ${table}`).get() as { count: number }).count;
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

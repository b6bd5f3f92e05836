// Real servers for tests: a real SQLite file in a fresh temp directory, on an ephemeral
// port, closed (and the directory removed) when the test ends.
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
  openSqliteStore,
  startServer,
  type Coordinator,
  type RunningServer,
  type ServerOptions,
} from '../../../server/index.ts';

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

export async function startTestServer(t: ExecutionContext, options: ServerOptions = {}): Promise<TestServer> {
  const db = options.db ?? path.join(makeTempDirectory(t), 'results.db');
  const logLines: string[] = [];
  const server = await startServer({ port: 0, log: (line) => logLines.push(line), ...options, db });
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
  const db = path.join(makeTempDirectory(t), 'results.db');
  const coordinator = options.coordinator ?? createCoordinator(openSqliteStore(db), { now: options.now });
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

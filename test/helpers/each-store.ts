// Runs one test against each store: SQLite (a real file in a temp dir) and PostgreSQL (a new
// database on the test server, see postgres.ts). Titles say which, so a failure names its store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext, type Implementation } from 'ava';
import { openStore, type OpenStoreOptions } from '../../server/store/open-store.ts';
import type { Store } from '../../server/store/types.ts';
import { createTestDatabase, postgresTest } from './postgres.ts';

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** Registers `title` prefixed with the store's name; PostgreSQL's is skipped loudly with no server. */
  test(title: string, implementation: Implementation<[]>): void;
  /** A fresh, empty database, as `--db` names it. */
  createDb(t: ExecutionContext): Promise<string>;
  /** A store on a fresh database (or on `db`), closed when the test ends. */
  openStore(t: ExecutionContext, options?: OpenStoreOptions & { db?: string }): Promise<Store>;
}

function makeTempDirectory(t: ExecutionContext): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pony-build-store-test-'));
  t.teardown(() => fs.rmSync(directory, { recursive: true, force: true }));
  return directory;
}

function makeKind(name: StoreKind['name'], createDb: StoreKind['createDb'], register: StoreKind['test']): StoreKind {
  return {
    name,
    test: register,
    createDb,
    async openStore(t, options = {}) {
      const db = options.db ?? await createDb(t);
      // PostgreSQL keeps uploads in a directory of their own; SQLite's default is beside its file.
      const filesDirectory = options.filesDirectory ?? (name === 'postgres' ? path.join(makeTempDirectory(t), 'files') : undefined);
      const store = await openStore(db, { filesDirectory });
      t.teardown(() => store.close());
      return store;
    },
  };
}

export const sqliteKind = makeKind('sqlite', async (t) => path.join(makeTempDirectory(t), 'results.db'), (title, implementation) => test(`[sqlite] ${title}`, implementation));
export const postgresKind = makeKind('postgres', createTestDatabase, (title, implementation) => postgresTest(`[postgres] ${title}`, implementation));

export const storeKinds: readonly StoreKind[] = [sqliteKind, postgresKind];

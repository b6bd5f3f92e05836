// Which store a `--db` value names: a `postgres://` (or `postgresql://`) URL opens the
// PostgreSQL store, anything else is a SQLite file (`:memory:` keeps nothing).
import { isPostgresUrl } from './postgres-database.ts';
import { openPostgresStore } from './postgres-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './types.ts';

export interface OpenStoreOptions {
  /** Where uploaded files go (`--data-dir`); default `<db>.files/` for SQLite, `./pony-build-files/` for PostgreSQL. */
  filesDirectory?: string;
}

export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  return isPostgresUrl(db) ? openPostgresStore(db, options) : openSqliteStore(db, options);
}

/** The database named for people: a PostgreSQL URL without its password. */
export function describeDatabase(db: string): string {
  if (!isPostgresUrl(db)) {
    return db;
  }
  try {
    const url = new URL(db);
    if (url.password !== '') {
      url.password = '***';
    }
    return url.toString();
  } catch {
    return 'a PostgreSQL URL that could not be parsed';
  }
}

// Which store a `--db` value names: a `postgres://` (or `postgresql://`) URL opens the
// PostgreSQL store, anything else is a SQLite file (`:memory:` keeps nothing).
import { isPostgresUrl } from './postgres-database.ts';
import { openPostgresStore } from './postgres-store.ts';
import { SchemaVersionError } from './sqlite-schema.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './types.ts';

export interface OpenStoreOptions {
  /** Where uploaded files go (`--data-dir`); default `<db>.files/` for SQLite, `./pony-build-files/` for PostgreSQL. */
  filesDirectory?: string;
}

/** The database could not be reached or opened; the message names it, without its password. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (!isPostgresUrl(db)) {
    return openSqliteStore(db, options);
  }
  try {
    return await openPostgresStore(db, options);
  } catch (error) {
    if (error instanceof SchemaVersionError) {
      throw error;
    }
    // pg's own messages ("connect ECONNREFUSED ...", "password authentication failed for user
    // ...") say what failed but not which database the server was told to use.
    throw new DatabaseUnavailableError(`cannot open the PostgreSQL database ${describeDatabase(db)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
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

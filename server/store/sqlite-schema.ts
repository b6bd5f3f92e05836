// Schema migrations, applied in order at open. A database remembers the last one it received
// in `schema_version`, so an old file is brought forward and a newer one is refused.
import type Database from 'better-sqlite3';
import { backfillTestCases } from './backfill-test-cases.ts';

// A migration is SQL, optionally followed by code that fills new tables from stored bags.
interface Migration {
  sql: string;
  fill?: (database: Database.Database) => void;
}

const MIGRATIONS: Migration[] = [
  { sql: `
  CREATE TABLE results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a pruned key is never handed out again
    received_at REAL NOT NULL,             -- Unix seconds, server clock
    client_ip TEXT NOT NULL,
    package TEXT NOT NULL,
    host TEXT NOT NULL,
    arch TEXT NOT NULL,
    tagset_key TEXT NOT NULL,
    success INTEGER,                       -- 1, 0, or NULL when the client sent no flag
    duration REAL,
    auth_key TEXT NOT NULL UNIQUE,
    client_info TEXT NOT NULL,             -- tagged JSON (see tagged-json.ts)
    results_list TEXT NOT NULL             -- tagged JSON
  );
  CREATE INDEX results_by_package_tagset ON results (package, tagset_key, id);
  CREATE INDEX results_by_package ON results (package, id);

  -- One row per tagset, kept current by every insert, so "latest per tagset" reads
  -- one row per tagset instead of scanning results.
  CREATE TABLE tagsets (
    tagset_key TEXT PRIMARY KEY,
    package TEXT NOT NULL,
    tags TEXT NOT NULL,                    -- JSON array of the canonical tagset
    latest_result_id INTEGER NOT NULL REFERENCES results (id),
    result_count INTEGER NOT NULL
  );
  CREATE INDEX tagsets_by_package ON tagsets (package, tagset_key);

  CREATE TABLE build_requests (
    tagset_key TEXT PRIMARY KEY,
    requested_at REAL NOT NULL
  );

  CREATE TABLE build_reservations (
    tagset_key TEXT PRIMARY KEY,
    reserved_at REAL NOT NULL,
    requested_allowance REAL NOT NULL
  );

  CREATE TABLE uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    description TEXT NOT NULL,
    visible INTEGER NOT NULL,
    size INTEGER NOT NULL,
    uploaded_at REAL NOT NULL,
    content BLOB NOT NULL
  );
  CREATE INDEX uploads_by_result ON uploads (result_id, id);
  ` },
  { sql: `
  ALTER TABLE results ADD COLUMN revision TEXT;   -- what the build was made from, for flakiness

  -- Each test case of each result, so one test can be followed across results. The full
  -- case (details, output) stays in results.results_list; this table is for queries.
  CREATE TABLE test_cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    package TEXT NOT NULL,
    tagset_key TEXT NOT NULL,
    suite TEXT NOT NULL,
    name TEXT NOT NULL,
    file TEXT,
    status TEXT NOT NULL,                  -- passed, failed, error, skipped, todo
    duration REAL,
    message TEXT                           -- bounded (see bound-message.ts)
  );
  CREATE INDEX test_cases_by_test ON test_cases (package, suite, name, result_id);
  CREATE INDEX test_cases_by_result ON test_cases (result_id);
  `, fill: backfillTestCases },
];

/** The schema version a fully migrated database has. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database file was written by a newer server than this one. */
export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
  readonly found: number;
  readonly supported: number;

  constructor(found: number, supported: number) {
    super(`The database has schema version ${found}, but this server knows versions up to ${supported}; upgrade pony-build`);
    this.found = found;
    this.supported = supported;
  }
}

/** Brings the database to SCHEMA_VERSION, one transaction per migration. */
export function migrateSchema(database: Database.Database): void {
  database.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = database.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new SchemaVersionError(current, SCHEMA_VERSION);
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    database.transaction(() => {
      const migration = MIGRATIONS[version]!;
      database.exec(migration.sql);
      migration.fill?.(database);
      database.prepare('DELETE FROM schema_version').run();
      database.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version + 1);
    })();
  }
}

// Copies a whole SQLite database into an empty PostgreSQL one: every table the server keeps,
// row for row with the same keys, and the uploaded files from beside the SQLite file into the
// PostgreSQL servers' shared directory. All rows go in one transaction, so a copy that fails
// part way leaves the target as empty as it found it; the SQLite file is only read.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPostgresDatabase, type Queryable } from './postgres-database.ts';
import { migratePostgresSchema } from './postgres-schema.ts';
import { openSqliteStore } from './sqlite-store.ts';

/** Tables in an order that respects their foreign keys, with the identity column each one has. */
const TABLES: ReadonlyArray<{ name: string; identity?: string }> = [
  { name: 'results', identity: 'id' },
  { name: 'tagsets' },
  { name: 'build_requests' },
  { name: 'build_reservations' },
  { name: 'uploads', identity: 'id' },
  { name: 'test_cases', identity: 'id' },
  { name: 'live_builds' },
  { name: 'live_output' },
  { name: 'client_tokens', identity: 'id' },
  { name: 'anonymous_usage' },
  { name: 'deliveries', identity: 'id' },
  { name: 'builder_announcements' },
  { name: 'admins', identity: 'id' },
  { name: 'admin_sessions' },
  { name: 'notify_queue', identity: 'id' },
];

// PostgreSQL takes at most 65535 parameters in one statement.
const MAX_PARAMETERS = 60_000;

/** The target already holds data; copying into it would mix two histories. */
export class TargetNotEmptyError extends Error {
  override name = 'TargetNotEmptyError';
}

export interface CopyOptions {
  /** The SQLite file. */
  from: string;
  /** The PostgreSQL URL. */
  to: string;
  /** Where the PostgreSQL servers keep uploaded files (their --data-dir). */
  dataDir: string;
  /** Told each table as it is copied. */
  progress?: (table: string, rows: number) => void;
}

export interface CopySummary {
  rows: Record<string, number>;
  files: number;
}

export async function copySqliteToPostgres(options: CopyOptions): Promise<CopySummary> {
  // Opening through the store brings an older file's schema forward first, as a server would.
  await openSqliteStore(options.from).close();
  const source = new Database(options.from, { readonly: true, fileMustExist: true });
  const target = createPostgresDatabase(options.to, { max: 2 });
  try {
    await migratePostgresSchema(target);
    const rows: Record<string, number> = {};
    let files = 0;
    await target.transaction(async (client) => {
      await refuseUnlessEmpty(client);
      for (const table of TABLES) {
        rows[table.name] = await copyTable(source, client, table.name);
        options.progress?.(table.name, rows[table.name]!);
      }
      for (const table of TABLES.filter((each) => each.identity !== undefined)) {
        await continueIdentity(source, client, table.name, table.identity!);
      }
      // Before the commit: rows whose files could not be copied are not copied either.
      files = await copyUploadFiles(source, `${path.resolve(options.from)}.files`, options.dataDir);
    });
    return { rows, files };
  } finally {
    source.close();
    await target.close();
  }
}

async function refuseUnlessEmpty(client: Queryable): Promise<void> {
  const counts = await client.one<{ results: number; tokens: number; admins: number }>(`
    SELECT (SELECT count(*) FROM results) AS results, (SELECT count(*) FROM client_tokens) AS tokens,
           (SELECT count(*) FROM admins) AS admins`);
  const held = Object.entries(counts!).filter(([, count]) => count > 0).map(([what, count]) => `${count} ${what}`);
  if (held.length > 0) {
    throw new TargetNotEmptyError(`the PostgreSQL database already holds ${held.join(', ')}; migrate into an empty database`);
  }
}

async function copyTable(source: Database.Database, client: Queryable, table: string): Promise<number> {
  const columns = (source.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((column) => column.name);
  const batchSize = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const quoted = columns.map((column) => `"${column}"`).join(', ');
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) {
      return;
    }
    const placeholders = batch.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
    await client.run(`INSERT INTO ${table} (${quoted}) VALUES ${placeholders.join(', ')}`, batch.flat());
    copied += batch.length;
    batch = [];
  };
  // Read in key order a batch at a time: a million results never sit in memory at once.
  for (const row of source.prepare(`SELECT ${quoted} FROM ${table} ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length === batchSize) {
      await flush();
    }
  }
  await flush();
  return copied;
}

// SQLite's AUTOINCREMENT never hands out a key it handed out before, even once its row was
// pruned; the next PostgreSQL key starts after the highest either one knows.
async function continueIdentity(source: Database.Database, client: Queryable, table: string, column: string): Promise<void> {
  const hasSequence = source.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get() !== undefined;
  const sequence = hasSequence ? (source.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table) as { seq: number } | undefined)?.seq ?? 0 : 0;
  const highest = (source.prepare(`SELECT coalesce(max(${column}), 0) AS highest FROM ${table}`).get() as { highest: number }).highest;
  const next = Math.max(sequence, highest);
  if (next > 0) {
    await client.run(`SELECT setval(pg_get_serial_sequence($1, $2), $3)`, [table, column, next]);
  }
}

async function copyUploadFiles(source: Database.Database, from: string, to: string): Promise<number> {
  const names = (source.prepare('SELECT storage_name FROM uploads WHERE storage_name IS NOT NULL AND evicted_at IS NULL').all() as Array<{ storage_name: string }>)
    .map((row) => row.storage_name);
  await mkdir(to, { recursive: true, mode: 0o700 });
  let copied = 0;
  for (const name of names) {
    try {
      await copyFile(path.join(from, name), path.join(to, name));
      copied += 1;
    } catch (error) {
      // A file removed by hand is as if evicted: its row stays, and the result page says it is gone.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
  }
  return copied;
}

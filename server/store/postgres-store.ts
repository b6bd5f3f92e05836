// The PostgreSQL store: the same Store as sqlite-store.ts, for several server instances sharing
// one database. Each part of the interface lives in its own postgres-*.ts module, as the SQLite
// parts do; operations that SQLite makes safe by having one writer at a time take row locks or
// advisory locks here instead (see each module).
import type { BuildReservation } from './page-types.ts';
import { createPostgresAdmins } from './postgres-admins.ts';
import { createPostgresClientTokens } from './postgres-client-tokens.ts';
import { createPostgresDatabase, type PostgresDatabase } from './postgres-database.ts';
import { createPostgresDeliveries } from './postgres-deliveries.ts';
import { createPostgresLiveQueries } from './postgres-live-builds.ts';
import { createPostgresPageQueries } from './postgres-page-queries.ts';
import { createPostgresRemoveQueries } from './postgres-remove-results.ts';
import { createPostgresRequestCounts } from './postgres-request-counts.ts';
import { createPostgresResultChanges } from './postgres-result-changes.ts';
import { insertFinishedResult } from './postgres-result-writes.ts';
import { migratePostgresSchema } from './postgres-schema.ts';
import { createPostgresTagsetRepositories } from './postgres-tagset-repositories.ts';
import { createPostgresTestQueries } from './postgres-test-queries.ts';
import { createPostgresUploadQueries } from './postgres-uploads.ts';
import { RESULT_COLUMNS, readResultRow, readTagsetRow, TAGSET_COLUMNS, type ResultRow, type TagsetRow } from './result-rows.ts';
import { openUploadFiles, type UploadFiles } from './upload-files.ts';
import type { Store } from './types.ts';

export interface PostgresStoreOptions {
  /**
   * Where uploaded files go: a directory every instance shares (`--data-dir`). Default: a
   * `pony-build-files` directory in the current directory.
   */
  filesDirectory?: string;
  /** Connections in this instance's pool; default 10. */
  maxConnections?: number;
}

/** Connects to the database at `url` and brings its schema forward (under a lock, so instances may start together). */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const database = createPostgresDatabase(url, { max: options.maxConnections });
  try {
    await migratePostgresSchema(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return createPostgresStore(database, openUploadFiles('', options.filesDirectory ?? 'pony-build-files'));
}

function createPostgresStore(database: PostgresDatabase, files: UploadFiles): Store {
  let closed = false;
  const { changes: resultChanges, stopListening } = createPostgresResultChanges(database);
  return {
    ...createPostgresTestQueries(database),
    ...createPostgresRemoveQueries(database, files),
    ...createPostgresUploadQueries(database, files),
    ...createPostgresPageQueries(database),
    ...createPostgresClientTokens(database),
    ...createPostgresTagsetRepositories(database),
    ...createPostgresAdmins(database),
    ...createPostgresDeliveries(database),
    ...createPostgresLiveQueries(database),
    ...resultChanges,
    sharedRequestCounts: createPostgresRequestCounts(database),
    exclusively: (name, work) => database.exclusively(name, work),
    async addResult(record) {
      return database.transaction((client) => insertFinishedResult(client, record));
    },
    async getResult(key) {
      const row = await database.one<ResultRow>(`
        SELECT ${RESULT_COLUMNS}
        FROM results r LEFT JOIN tagsets t ON t.tagset_key = r.tagset_key
        WHERE r.id = $1`, [key]);
      return row && readResultRow(row);
    },
    async findResultKeyByAuthKey(authKey) {
      const row = await database.one<{ id: number }>('SELECT id FROM results WHERE auth_key = $1', [authKey]);
      return row?.id;
    },
    async countResults() {
      return (await database.one<{ count: number }>('SELECT count(*) AS count FROM results'))!.count;
    },
    async checkReadable() {
      await database.one('SELECT id FROM results LIMIT 1');
    },
    async listPackages() {
      return (await database.rows<{ package: string }>('SELECT DISTINCT package FROM tagsets ORDER BY package')).map((row) => row.package);
    },
    async listTagsets(packageName) {
      const rows = packageName === undefined
        ? await database.rows<TagsetRow>(`
          SELECT ${TAGSET_COLUMNS} FROM tagsets t JOIN results r ON r.id = t.latest_result_id
          ORDER BY t.package, t.tagset_key`)
        : await database.rows<TagsetRow>(`
          SELECT ${TAGSET_COLUMNS} FROM tagsets t JOIN results r ON r.id = t.latest_result_id
          WHERE t.package = $1 ORDER BY t.tagset_key`, [packageName]);
      return rows.map(readTagsetRow);
    },
    async getTagset(tagsetKey) {
      const row = await database.one<TagsetRow>(`
        SELECT ${TAGSET_COLUMNS} FROM tagsets t JOIN results r ON r.id = t.latest_result_id
        WHERE t.tagset_key = $1`, [tagsetKey]);
      return row && readTagsetRow(row);
    },
    async getLatestResultForTagset(packageName, tagsetKey) {
      const row = await database.one<ResultRow>(`
        SELECT ${RESULT_COLUMNS}
        FROM tagsets t JOIN results r ON r.id = t.latest_result_id
        WHERE t.package = $1 AND t.tagset_key = $2`, [packageName, tagsetKey]);
      return row && readResultRow(row);
    },
    async addBuildRequest(tagsetKey, requestedAt) {
      await database.run(`
        INSERT INTO build_requests (tagset_key, requested_at) VALUES ($1, $2)
        ON CONFLICT (tagset_key) DO UPDATE SET requested_at = excluded.requested_at`, [tagsetKey, requestedAt]);
    },
    async takeBuildRequest(tagsetKey) {
      return (await database.run('DELETE FROM build_requests WHERE tagset_key = $1', [tagsetKey])) > 0;
    },
    async getBuildReservation(tagsetKey): Promise<BuildReservation | undefined> {
      const row = await database.one<{ reserved_at: number; requested_allowance: number }>(
        'SELECT reserved_at, requested_allowance FROM build_reservations WHERE tagset_key = $1', [tagsetKey]);
      return row && { reservedAt: row.reserved_at, requestedAllowance: row.requested_allowance };
    },
    async setBuildReservation(tagsetKey, reservation) {
      await database.run(`
        INSERT INTO build_reservations (tagset_key, reserved_at, requested_allowance) VALUES ($1, $2, $3)
        ON CONFLICT (tagset_key) DO UPDATE SET
          reserved_at = excluded.reserved_at, requested_allowance = excluded.requested_allowance`,
        [tagsetKey, reservation.reservedAt, reservation.requestedAllowance]);
    },
    async deleteBuildReservation(tagsetKey) {
      return (await database.run('DELETE FROM build_reservations WHERE tagset_key = $1', [tagsetKey])) > 0;
    },
    async close() {
      if (!closed) {
        closed = true;
        await stopListening();
        await database.close();
        files.close();
      }
    },
  };
}

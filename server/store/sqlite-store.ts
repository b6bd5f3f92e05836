// The default store: one SQLite file (or memory), written in WAL mode so page views do not
// wait for writers. better-sqlite3 is synchronous; the async Store interface is kept so that
// other databases can implement it.
import Database from 'better-sqlite3';
import { prepareCountInTagset } from './count-in-tagset.ts';
import { createSqliteAdmins } from './sqlite-admins.ts';
import { createSqliteClientTokens } from './sqlite-client-tokens.ts';
import { createSqliteTagsetRepositories } from './sqlite-tagset-repositories.ts';
import { createSqliteDeliveries } from './sqlite-deliveries.ts';
import { prepareInsertTestCases } from './insert-test-cases.ts';
import type { SubmittedResultRecord } from './live-types.ts';
import { createSqliteLiveQueries } from './sqlite-live-builds.ts';
import { createSqlitePageQueries } from './sqlite-page-queries.ts';
import { createSqliteRemoveQueries } from './sqlite-remove-results.ts';
import { createSqliteResultChanges } from './sqlite-result-changes.ts';
import { RESULT_COLUMNS, readResultRow, readTagsetRow, TAGSET_COLUMNS, type ResultRow, type TagsetRow } from './result-rows.ts';
import { migrateSchema } from './sqlite-schema.ts';
import { createSqliteTestQueries } from './sqlite-test-queries.ts';
import { createSqliteUploadQueries } from './sqlite-uploads.ts';
import { stringifyTagged } from './tagged-json.ts';
import { openUploadFiles, type UploadFiles } from './upload-files.ts';
import type { BuildReservation } from './page-types.ts';
import { createNamedSerialQueue } from './serial-queue.ts';
import type { NewResultRecord, Store } from './types.ts';

export interface SqliteStoreOptions {
  /** Where uploaded files go. Default `<path>.files/` beside the database; for `:memory:`, a temp dir removed on close. */
  filesDirectory?: string;
}

/** Opens (creating or migrating as needed) the SQLite database at `path`; `:memory:` keeps nothing. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const database = new Database(path);
  try {
    configureDatabase(database, path);
    migrateSchema(database);
  } catch (error) {
    database.close();
    throw error;
  }
  return createSqliteStore(database, openUploadFiles(path, options.filesDirectory));
}

function configureDatabase(database: Database.Database, path: string): void {
  // First, so that the pragmas and migrations below also wait for a lock that another process
  // (a server, an admin command) holds, instead of failing at once with "database is locked".
  database.pragma('busy_timeout = 5000');
  if (path !== ':memory:' && path !== '') {
    database.pragma('journal_mode = WAL');
    // With WAL, NORMAL loses at most the last transactions on power loss, never consistency.
    database.pragma('synchronous = NORMAL');
  }
  database.pragma('foreign_keys = ON');
}

function createSqliteStore(database: Database.Database, files: UploadFiles): Store {
  const statements = {
    insertResult: database.prepare(`
      INSERT INTO results (received_at, client_ip, package, host, arch, tagset_key, success, duration,
                           auth_key, revision, client_info, results_list, submission_id)
      VALUES (@receivedAt, @clientIp, @package, @host, @arch, @tagsetKey, @success, @duration,
              @authKey, @revision, @clientInfo, @resultsList, @submissionId)`),
    deleteReservation: database.prepare('DELETE FROM build_reservations WHERE tagset_key = ?'),
    getResult: database.prepare(`
      SELECT ${RESULT_COLUMNS}
      FROM results r LEFT JOIN tagsets t ON t.tagset_key = r.tagset_key
      WHERE r.id = ?`),
    findByAuthKey: database.prepare('SELECT id FROM results WHERE auth_key = ?'),
    countResults: database.prepare('SELECT count(*) AS count FROM results'),
    readOneResultId: database.prepare('SELECT id FROM results LIMIT 1'),
    listPackages: database.prepare('SELECT DISTINCT package FROM tagsets ORDER BY package'),
    listAllTagsets: database.prepare(`
      SELECT ${TAGSET_COLUMNS} FROM tagsets t JOIN results r ON r.id = t.latest_result_id
      ORDER BY t.package, t.tagset_key`),
    listPackageTagsets: database.prepare(`
      SELECT ${TAGSET_COLUMNS} FROM tagsets t JOIN results r ON r.id = t.latest_result_id
      WHERE t.package = ? ORDER BY t.tagset_key`),
    getTagset: database.prepare(`
      SELECT ${TAGSET_COLUMNS} FROM tagsets t JOIN results r ON r.id = t.latest_result_id
      WHERE t.tagset_key = ?`),
    getLatestForTagset: database.prepare(`
      SELECT ${RESULT_COLUMNS}
      FROM tagsets t JOIN results r ON r.id = t.latest_result_id
      WHERE t.package = ? AND t.tagset_key = ?`),
    upsertBuildRequest: database.prepare(`
      INSERT INTO build_requests (tagset_key, requested_at) VALUES (?, ?)
      ON CONFLICT (tagset_key) DO UPDATE SET requested_at = excluded.requested_at`),
    deleteBuildRequest: database.prepare('DELETE FROM build_requests WHERE tagset_key = ?'),
    getReservation: database.prepare(
      'SELECT reserved_at, requested_allowance FROM build_reservations WHERE tagset_key = ?'),
    upsertReservation: database.prepare(`
      INSERT INTO build_reservations (tagset_key, reserved_at, requested_allowance) VALUES (?, ?, ?)
      ON CONFLICT (tagset_key) DO UPDATE SET
        reserved_at = excluded.reserved_at, requested_allowance = excluded.requested_allowance`),
  };

  const insertTestCases = prepareInsertTestCases(database);
  const countInTagset = prepareCountInTagset(database);

  const insertResult = database.transaction((record: NewResultRecord & Partial<SubmittedResultRecord>) => {
    const { lastInsertRowid } = statements.insertResult.run({
      receivedAt: record.receivedAt,
      clientIp: record.clientIp,
      package: record.package,
      host: record.host,
      arch: record.arch,
      tagsetKey: record.tagsetKey,
      success: record.success === null ? null : Number(record.success),
      duration: record.duration,
      authKey: record.authKey,
      revision: record.revision,
      clientInfo: stringifyTagged(record.clientInfo),
      resultsList: stringifyTagged(record.resultsList),
      submissionId: record.submissionId ?? null,
    });
    const key = Number(lastInsertRowid);
    countInTagset(record.tagsetKey, record.package, JSON.stringify(record.tagset), key);
    insertTestCases({ resultId: key, package: record.package, tagsetKey: record.tagsetKey }, record.testCases);
    statements.deleteReservation.run(record.tagsetKey);
    return key;
  });

  // One process writes a SQLite file at a time for decisions like these, so an in-process
  // queue per name is enough.
  const exclusively = createNamedSerialQueue();
  return {
    exclusively,
    ...createSqliteTestQueries(database),
    ...createSqliteRemoveQueries(database, files),
    ...createSqliteUploadQueries(database, files),
    ...createSqlitePageQueries(database),
    ...createSqliteClientTokens(database),
    ...createSqliteTagsetRepositories(database),
    ...createSqliteAdmins(database),
    ...createSqliteDeliveries(database),
    ...createSqliteLiveQueries(database, insertResult),
    ...createSqliteResultChanges(),
    sharedRequestCounts: null,
    async addResult(record) {
      return insertResult(record);
    },
    async getResult(key) {
      const row = statements.getResult.get(key) as ResultRow | undefined;
      return row && readResultRow(row);
    },
    async findResultKeyByAuthKey(authKey) {
      const row = statements.findByAuthKey.get(authKey) as { id: number } | undefined;
      return row?.id;
    },
    async countResults() {
      return (statements.countResults.get() as { count: number }).count;
    },
    async checkReadable() {
      statements.readOneResultId.get();
    },
    async listPackages() {
      return (statements.listPackages.all() as Array<{ package: string }>).map((row) => row.package);
    },
    async listTagsets(packageName) {
      const rows = packageName === undefined
        ? statements.listAllTagsets.all()
        : statements.listPackageTagsets.all(packageName);
      return (rows as TagsetRow[]).map(readTagsetRow);
    },
    async getTagset(tagsetKey) {
      const row = statements.getTagset.get(tagsetKey) as TagsetRow | undefined;
      return row && readTagsetRow(row);
    },
    async getLatestResultForTagset(packageName, tagsetKey) {
      const row = statements.getLatestForTagset.get(packageName, tagsetKey) as ResultRow | undefined;
      return row && readResultRow(row);
    },
    async addBuildRequest(tagsetKey, requestedAt) {
      statements.upsertBuildRequest.run(tagsetKey, requestedAt);
    },
    async takeBuildRequest(tagsetKey) {
      return statements.deleteBuildRequest.run(tagsetKey).changes > 0;
    },
    async getBuildReservation(tagsetKey): Promise<BuildReservation | undefined> {
      const row = statements.getReservation.get(tagsetKey) as
        { reserved_at: number; requested_allowance: number } | undefined;
      return row && { reservedAt: row.reserved_at, requestedAllowance: row.requested_allowance };
    },
    async setBuildReservation(tagsetKey, reservation) {
      statements.upsertReservation.run(tagsetKey, reservation.reservedAt, reservation.requestedAllowance);
    },
    async deleteBuildReservation(tagsetKey) {
      return statements.deleteReservation.run(tagsetKey).changes > 0;
    },
    async close() {
      if (database.open) {
        database.close();
        files.close();
      }
    },
  };
}


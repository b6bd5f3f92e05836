// Removing results from the SQLite store, for retention and the admin commands. Results are
// found through indexes (results by tagset, the tagsets table, the primary key), never by
// scanning every result. A build still running is not removed: it does not count in its
// tagset yet, and its client is still sending it. Uploaded files go with their result, once the
// rows are gone for good (after the commit).
import type Database from 'better-sqlite3';
import { readRemovedRow, readTagsetReferenceRow, tallyPerTagset, type RemovableRow, type TagsetReferenceRow } from './removal-rows.ts';
import type { RemovalStore, RemovedResultRecord, ResultAgeRecord, TagsetReference } from './removal-types.ts';
import type { UploadFiles } from './upload-files.ts';

type RemoveQueries = RemovalStore;

export function createSqliteRemoveQueries(database: Database.Database, files: UploadFiles): RemoveQueries {
  const statements = {
    listResultAges: database.prepare(`
      SELECT r.id, r.received_at, t.latest_result_id = r.id AS is_latest
      FROM results r JOIN tagsets t ON t.tagset_key = r.tagset_key
      WHERE r.id > ? AND r.state != 'running' ORDER BY r.id LIMIT ?`),
    listTagsetsLargerThan: database.prepare(
      'SELECT package, tagset_key FROM tagsets WHERE result_count > ? ORDER BY package, tagset_key'),
    listOlderResultKeys: database.prepare(`
      SELECT id FROM results WHERE package = ? AND tagset_key = ? AND state != 'running'
      ORDER BY id DESC LIMIT ? OFFSET ?`),
    getRemovable: database.prepare(`
      SELECT r.id, r.received_at, r.package, r.tagset_key, t.tags, t.latest_result_id
      FROM results r JOIN tagsets t ON t.tagset_key = r.tagset_key WHERE r.id = ? AND r.state != 'running'`),
    deleteTestCases: database.prepare('DELETE FROM test_cases WHERE result_id = ?'),
    listUploadFiles: database.prepare(
      'SELECT storage_name FROM uploads WHERE result_id = ? AND storage_name IS NOT NULL AND evicted_at IS NULL'),
    deleteUploads: database.prepare('DELETE FROM uploads WHERE result_id = ?'),
    deleteResult: database.prepare('DELETE FROM results WHERE id = ?'),
    findNewest: database.prepare(
      "SELECT max(id) AS id FROM results WHERE package = ? AND tagset_key = ? AND state != 'running'"),
    updateTagset: database.prepare(
      'UPDATE tagsets SET latest_result_id = ?, result_count = result_count - ? WHERE tagset_key = ?'),
    deleteTagset: database.prepare('DELETE FROM tagsets WHERE tagset_key = ?'),
  };

  const removeResults = database.transaction((keys: readonly number[], keepTagsetLatest: boolean) => {
    // The tagsets row points at its latest result; the check waits for the commit, by which
    // time the row points at the new latest or is gone.
    database.pragma('defer_foreign_keys = ON');
    const removed: RemovedResultRecord[] = [];
    const storageNames: string[] = [];
    const removedRows: RemovableRow[] = [];
    for (const key of keys) {
      const row = statements.getRemovable.get(key) as RemovableRow | undefined;
      if (!row || (keepTagsetLatest && row.latest_result_id === row.id)) {
        continue;
      }
      const testCases = statements.deleteTestCases.run(key).changes;
      storageNames.push(...(statements.listUploadFiles.all(key) as Array<{ storage_name: string }>).map((file) => file.storage_name));
      const uploads = statements.deleteUploads.run(key).changes;
      statements.deleteResult.run(key);
      removed.push(readRemovedRow(row, { testCases, uploads }));
      removedRows.push(row);
    }
    for (const [tagsetKey, tally] of tallyPerTagset(removedRows)) {
      const newest = (statements.findNewest.get(tally.package, tagsetKey) as { id: number | null }).id;
      if (newest === null) {
        statements.deleteTagset.run(tagsetKey);
      } else {
        statements.updateTagset.run(newest, tally.count, tagsetKey);
      }
    }
    return { removed, storageNames };
  });

  return {
    async listResultAges(afterKey, limit): Promise<ResultAgeRecord[]> {
      const rows = statements.listResultAges.all(afterKey, limit) as Array<{ id: number; received_at: number; is_latest: number }>;
      return rows.map((row) => ({ key: row.id, receivedAt: row.received_at, isTagsetLatest: row.is_latest === 1 }));
    },
    async listTagsetsLargerThan(count): Promise<TagsetReference[]> {
      const rows = statements.listTagsetsLargerThan.all(count) as TagsetReferenceRow[];
      return rows.map(readTagsetReferenceRow);
    },
    async listOlderResultKeys(tagset, skipNewest, limit) {
      const rows = statements.listOlderResultKeys.all(tagset.package, tagset.tagsetKey, limit, skipNewest) as Array<{ id: number }>;
      return rows.map((row) => row.id);
    },
    async removeResults(keys, { keepTagsetLatest }) {
      const { removed, storageNames } = removeResults(keys, keepTagsetLatest);
      await files.remove(storageNames);
      return removed;
    },
  };
}

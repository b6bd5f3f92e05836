// Removing results from the PostgreSQL store, answering as sqlite-remove-results.ts does:
// results are found through indexes, a build still running is not removed, and uploaded files
// go with their result once the rows are gone for good (after the commit). Retention may run on
// several server instances at once, so a removal locks what it decides from (see lockRemovable).
import type { PostgresDatabase, Queryable } from './postgres-database.ts';
import { readRemovedRow, readTagsetReferenceRow, tallyPerTagset, type RemovableRow, type TagsetReferenceRow } from './removal-rows.ts';
import type { RemovalStore, RemovedResultRecord, ResultAgeRecord, TagsetReference } from './removal-types.ts';
import type { UploadFiles } from './upload-files.ts';

/**
 * The removable results among `keys`, with their tagsets' latest as it is now; the tagsets and
 * the results stay locked until the transaction ends.
 */
async function lockRemovable(client: Queryable, keys: readonly number[]): Promise<Map<number, RemovableRow>> {
  const distinctKeys = [...new Set(keys)];
  // Every removal locks its tagsets first, then its results, each in key order, so two removals
  // never wait for each other in a circle. The tagsets come first because the decision (keep a
  // tagset's latest) and the recount read them: a removal that waited sees the latest and the
  // count the other one left, and finds the results it removed gone instead of counting them out
  // of their tagset twice. A finish or a submission in the tagset waits for the removal's commit.
  // The results are locked too, so that a late call on an abandoned build being removed (a step
  // and its test cases) commits before the removal counts what goes with it.
  await client.run(`
    SELECT 1 FROM tagsets
    WHERE tagset_key IN (SELECT tagset_key FROM results WHERE id = ANY($1::bigint[]))
    ORDER BY tagset_key FOR UPDATE`, [distinctKeys]);
  const rows = await client.rows<RemovableRow>(`
    SELECT r.id, r.received_at, r.package, r.tagset_key, t.tags, t.latest_result_id
    FROM results r JOIN tagsets t ON t.tagset_key = r.tagset_key
    WHERE r.id = ANY($1::bigint[]) AND r.state <> 'running'
    ORDER BY r.id FOR UPDATE OF r`, [distinctKeys]);
  return new Map(rows.map((row) => [row.id, row]));
}

/** Per key, how many rows a `DELETE ... RETURNING` counted (the statement answers `key, count`). */
async function countDeleted(client: Queryable, sql: string, keys: readonly number[]): Promise<Map<number, number>> {
  const rows = await client.rows<{ key: number; count: number }>(sql, [keys]);
  return new Map(rows.map((row) => [row.key, row.count]));
}

export function createPostgresRemoveQueries(database: PostgresDatabase, files: UploadFiles): RemovalStore {
  const removeResults = (keys: readonly number[], keepTagsetLatest: boolean) => database.transaction(async (client) => {
    // The tagsets row points at its latest result; the check waits for the commit, by which
    // time the row points at the new latest or is gone.
    await client.run('SET CONSTRAINTS ALL DEFERRED');
    const removable = await lockRemovable(client, keys);
    const chosen: RemovableRow[] = [];
    for (const key of keys) {
      const row = removable.get(key);
      if (!row || (keepTagsetLatest && row.latest_result_id === row.id)) {
        continue;
      }
      // A key given twice is removed once.
      removable.delete(key);
      chosen.push(row);
    }
    // Three statements for the whole batch, not three per result: retention removes results by
    // the thousand, and each round trip to the database costs more than the deletion itself.
    const chosenKeys = chosen.map((row) => row.id);
    const testCaseCounts = await countDeleted(client, `
      WITH gone AS (DELETE FROM test_cases WHERE result_id = ANY($1::bigint[]) RETURNING result_id)
      SELECT result_id AS key, count(*) AS count FROM gone GROUP BY result_id`, chosenKeys);
    const goneUploads = await client.rows<{ key: number; storage_name: string | null; evicted_at: number | null }>(`
      DELETE FROM uploads WHERE result_id = ANY($1::bigint[]) RETURNING result_id AS key, storage_name, evicted_at`, [chosenKeys]);
    const storageNames = goneUploads.filter((upload) => upload.storage_name !== null && upload.evicted_at === null).map((upload) => upload.storage_name!);
    const uploadCounts = new Map<number, number>();
    for (const upload of goneUploads) {
      uploadCounts.set(upload.key, (uploadCounts.get(upload.key) ?? 0) + 1);
    }
    await client.run('DELETE FROM results WHERE id = ANY($1::bigint[])', [chosenKeys]);
    const removed: RemovedResultRecord[] = chosen.map((row) => readRemovedRow(row, {
      testCases: testCaseCounts.get(row.id) ?? 0,
      uploads: uploadCounts.get(row.id) ?? 0,
    }));
    for (const [tagsetKey, tally] of tallyPerTagset(chosen)) {
      const newest = (await client.one<{ id: number | null }>(
        "SELECT max(id) AS id FROM results WHERE package = $1 AND tagset_key = $2 AND state <> 'running'",
        [tally.package, tagsetKey]))!.id;
      if (newest === null) {
        await client.run('DELETE FROM tagsets WHERE tagset_key = $1', [tagsetKey]);
      } else {
        await client.run('UPDATE tagsets SET latest_result_id = $1, result_count = result_count - $2 WHERE tagset_key = $3',
          [newest, tally.count, tagsetKey]);
      }
    }
    return { removed, storageNames };
  });

  return {
    async listResultAges(afterKey, limit): Promise<ResultAgeRecord[]> {
      const rows = await database.rows<{ id: number; received_at: number; is_latest: boolean }>(`
        SELECT r.id, r.received_at, t.latest_result_id = r.id AS is_latest
        FROM results r JOIN tagsets t ON t.tagset_key = r.tagset_key
        WHERE r.id > $1 AND r.state <> 'running' ORDER BY r.id LIMIT $2`, [afterKey, limit]);
      return rows.map((row) => ({ key: row.id, receivedAt: row.received_at, isTagsetLatest: row.is_latest }));
    },
    async listTagsetsLargerThan(count): Promise<TagsetReference[]> {
      const rows = await database.rows<TagsetReferenceRow>(
        'SELECT package, tagset_key FROM tagsets WHERE result_count > $1 ORDER BY package, tagset_key', [count]);
      return rows.map(readTagsetReferenceRow);
    },
    async listOlderResultKeys(tagset, skipNewest, limit) {
      const rows = await database.rows<{ id: number }>(`
        SELECT id FROM results WHERE package = $1 AND tagset_key = $2 AND state <> 'running'
        ORDER BY id DESC LIMIT $3 OFFSET $4`, [tagset.package, tagset.tagsetKey, limit, skipNewest]);
      return rows.map((row) => row.id);
    },
    async removeResults(keys, { keepTagsetLatest }) {
      const { removed, storageNames } = await removeResults(keys, keepTagsetLatest);
      await files.remove(storageNames);
      return removed;
    },
  };
}

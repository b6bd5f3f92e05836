// Loads the scale data set into a SQLite file whose schema the store created: one prepared
// statement per table, ten thousand results (and their test cases) per transaction. Through the
// coordinator a million results would take hours; the rows written here are the ones it writes.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openStore } from '../server/store/open-store.ts';
import { makeResultRow, tagsetTotals, type ScalePlan } from './scale-data.ts';

const RESULTS_PER_TRANSACTION = 10_000;

export async function loadSqliteScaleData(file: string, plan: ScalePlan, progress: (loaded: number) => void): Promise<void> {
  await (await openStore(file)).close();
  const database = new Database(file);
  try {
    // For the load only (these do not outlive the connection): nothing here has to survive a
    // power cut, and a large page cache keeps the index inserts off the disk.
    database.pragma('synchronous = OFF');
    database.pragma('cache_size = -524288');
    const { count } = database.prepare('SELECT count(*) AS count FROM results').get() as { count: number };
    if (count !== 0) {
      throw new Error(`Expected an empty results table in ${file} to load the scale data into, found ${count} results`);
    }
    const insertResult = database.prepare(`
      INSERT INTO results (id, received_at, client_ip, package, host, arch, tagset_key, success, duration,
                           auth_key, revision, client_info, results_list, submission_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertTestCase = database.prepare(`
      INSERT INTO test_cases (result_id, step_index, package, tagset_key, suite, name, file, status, duration, message)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertKeys = database.transaction((first: number, last: number) => {
      for (let key = first; key <= last; key += 1) {
        const row = makeResultRow(plan, key);
        const outcome = plan.outcomes[row.outcome];
        const { tagset } = row;
        insertResult.run(row.id, row.receivedAt, tagset.clientIp, tagset.package, tagset.host, tagset.arch, tagset.tagsetKey,
          outcome.success, outcome.duration, randomBytes(32).toString('hex'), row.revision, row.clientInfo, row.resultsList, row.submissionId);
        for (const testCase of outcome.testCases) {
          insertTestCase.run(key, testCase.stepIndex, tagset.package, tagset.tagsetKey, testCase.suite, testCase.name,
            testCase.file, testCase.status, testCase.duration, testCase.message);
        }
      }
    });
    for (let first = 1; first <= plan.results; first += RESULTS_PER_TRANSACTION) {
      const last = Math.min(plan.results, first + RESULTS_PER_TRANSACTION - 1);
      insertKeys(first, last);
      progress(last);
    }
    const insertTagset = database.prepare('INSERT INTO tagsets (tagset_key, package, tags, latest_result_id, result_count) VALUES (?, ?, ?, ?, ?)');
    database.transaction(() => {
      for (const { tagset, latestResultId, resultCount } of tagsetTotals(plan)) {
        insertTagset.run(tagset.tagsetKey, tagset.package, tagset.tagsJson, latestResultId, resultCount);
      }
    })();
    // The load's transactions leave a WAL far larger than a running server's; a server's own
    // checkpoints would have folded it into the file.
    database.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    database.close();
  }
}

/** What the database takes on disk: the file and its WAL. */
export function sqliteDatabaseBytes(file: string): number {
  const wal = `${file}-wal`;
  return statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0);
}

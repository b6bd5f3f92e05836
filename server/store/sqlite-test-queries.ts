// The per-test queries of the SQLite store: a result's cases, a tagset's recent results,
// outcomes across results, and one test's history across a package's tagsets.
import type Database from 'better-sqlite3';
import { readRecentResultRow, readTestCaseRow, readTestHistoryRow, readTestOutcomeRow } from './test-case-rows.ts';
import type { RecentResultRow, TestCaseRow, TestHistoryRow, TestOutcomeRow } from './test-case-rows.ts';
import type { ResultRevisionRecord, Store, TestOutcomeRecord } from './types.ts';

// Far below SQLite's limit on bound parameters; a fixed size keeps one prepared statement.
const OUTCOME_BATCH_SIZE = 100;

type TestQueries = Pick<Store, 'listTestCases' | 'listRecentResults' | 'listTestOutcomes' | 'listTestHistory'>;

export function createSqliteTestQueries(database: Database.Database): TestQueries {
  const statements = {
    listTestCases: database.prepare(`
      SELECT step_index, suite, name, file, status, duration, message FROM test_cases WHERE result_id = ? ORDER BY id`),
    listRecentResults: database.prepare(`
      SELECT id, received_at, revision FROM results
      WHERE package = ? AND tagset_key = ? AND id <= ? AND state != 'running' ORDER BY id DESC LIMIT ?`),
    listOutcomes: database.prepare(`
      SELECT result_id, suite, name, status FROM test_cases
      WHERE result_id IN (${Array.from({ length: OUTCOME_BATCH_SIZE }, () => '?').join(', ')})
      ORDER BY result_id DESC, id`),
    listTestHistory: database.prepare(`
      SELECT c.result_id, r.received_at, t.tags, r.tagset_key, r.host, r.arch, r.revision,
             c.step_index, c.status, c.duration, c.message
      FROM test_cases c JOIN results r ON r.id = c.result_id JOIN tagsets t ON t.tagset_key = r.tagset_key
      WHERE c.package = ? AND c.suite = ? AND c.name = ? AND c.result_id < ?
      ORDER BY c.result_id DESC, c.id DESC LIMIT ?`),
  };

  return {
    async listTestCases(resultKey) {
      return (statements.listTestCases.all(resultKey) as TestCaseRow[]).map(readTestCaseRow);
    },
    async listRecentResults(packageName, tagsetKey, upToKey, limit): Promise<ResultRevisionRecord[]> {
      const rows = statements.listRecentResults.all(packageName, tagsetKey, upToKey, limit) as RecentResultRow[];
      return rows.map(readRecentResultRow);
    },
    async listTestOutcomes(resultKeys) {
      const outcomes: TestOutcomeRecord[] = [];
      for (let start = 0; start < resultKeys.length; start += OUTCOME_BATCH_SIZE) {
        const batch = resultKeys.slice(start, start + OUTCOME_BATCH_SIZE);
        // Unused slots are bound to 0, which no result has.
        const parameters = [...batch, ...Array<number>(OUTCOME_BATCH_SIZE - batch.length).fill(0)];
        const rows = statements.listOutcomes.all(...parameters) as TestOutcomeRow[];
        outcomes.push(...rows.map(readTestOutcomeRow));
      }
      return outcomes;
    },
    async listTestHistory(query) {
      const rows = statements.listTestHistory.all(query.packageName, query.suite, query.name,
        query.beforeKey ?? Number.MAX_SAFE_INTEGER, query.limit) as TestHistoryRow[];
      return rows.map(readTestHistoryRow);
    },
  };
}

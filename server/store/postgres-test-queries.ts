// The per-test queries of the PostgreSQL store, as sqlite-test-queries.ts: a result's cases, a
// tagset's recent results, outcomes across results, and one test's history across a package's
// tagsets.
import type { PostgresDatabase } from './postgres-database.ts';
import { readRecentResultRow, readTestCaseRow, readTestHistoryRow, readTestOutcomeRow } from './test-case-rows.ts';
import type { RecentResultRow, TestCaseRow, TestHistoryRow, TestOutcomeRow } from './test-case-rows.ts';
import type { ResultRevisionRecord, Store } from './types.ts';

type TestQueries = Pick<Store, 'listTestCases' | 'listRecentResults' | 'listTestOutcomes' | 'listTestHistory'>;

export function createPostgresTestQueries(database: PostgresDatabase): TestQueries {
  return {
    async listTestCases(resultKey) {
      const rows = await database.rows<TestCaseRow>(`
        SELECT step_index, suite, name, file, status, duration, message FROM test_cases WHERE result_id = $1 ORDER BY id`,
      [resultKey]);
      return rows.map(readTestCaseRow);
    },
    async listRecentResults(packageName, tagsetKey, upToKey, limit): Promise<ResultRevisionRecord[]> {
      // "package = $1 AND tagset_key = $2 AND id <= $3" as a row comparison ordered by every
      // column of results_summaries (package, tagset_key, id), so that this index is the one walked (see
      // postgres-page-queries.ts: the primary key, walked instead, can read every newer result).
      const rows = await database.rows<RecentResultRow>(`
        SELECT id, received_at, revision FROM results
        WHERE (package, tagset_key, id) <= ($1, $2, $3) AND (package, tagset_key) >= ($1, $2) AND state != 'running'
        ORDER BY package DESC, tagset_key DESC, id DESC LIMIT $4`,
      [packageName, tagsetKey, upToKey, limit]);
      return rows.map(readRecentResultRow);
    },
    async listTestOutcomes(resultKeys) {
      if (resultKeys.length === 0) {
        return [];
      }
      // One array parameter, however many keys: PostgreSQL has no small limit on its size, so
      // the batches SQLite needs for its bound parameters are not needed here.
      const rows = await database.rows<TestOutcomeRow>(`
        SELECT result_id, suite, name, status FROM test_cases
        WHERE result_id = ANY($1::bigint[])
        ORDER BY result_id DESC, id`, [resultKeys]);
      return rows.map(readTestOutcomeRow);
    },
    async listTestHistory(query) {
      // Walks test_cases_by_test (package, suite, name, result_id) backwards, the id within one
      // result sorted on the way (an incremental sort), and looks up each row's result by key.
      // "package = $1 AND suite = $2 AND name = $3 AND result_id < $4" is a row comparison
      // ordered by every column of the index, so that this index is the one walked: otherwise
      // the planner may walk test_cases_by_result backwards, filtering, and read every newer
      // test case of every other test first (see postgres-page-queries.ts).
      const rows = await database.rows<TestHistoryRow>(`
        SELECT c.result_id, r.received_at, t.tags, r.tagset_key, r.host, r.arch, r.revision,
               c.step_index, c.status, c.duration, c.message
        FROM test_cases c JOIN results r ON r.id = c.result_id JOIN tagsets t ON t.tagset_key = r.tagset_key
        WHERE (c.package, c.suite, c.name, c.result_id) < ($1, $2, $3, $4) AND (c.package, c.suite, c.name) >= ($1, $2, $3)
        ORDER BY c.package DESC, c.suite DESC, c.name DESC, c.result_id DESC, c.id DESC LIMIT $5`,
      [query.packageName, query.suite, query.name, query.beforeKey ?? Number.MAX_SAFE_INTEGER, query.limit]);
      return rows.map(readTestHistoryRow);
    },
  };
}

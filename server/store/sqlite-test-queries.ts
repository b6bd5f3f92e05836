// The per-test queries of the SQLite store: a result's cases, a tagset's recent results,
// outcomes across results, and one test's history across a package's tagsets.
import type Database from 'better-sqlite3';
import type { TestCaseEntry, TestStatus } from './test-case-types.ts';
import type { ResultRevisionRecord, Store, TestHistoryRecord, TestOutcomeRecord } from './types.ts';

// Far below SQLite's limit on bound parameters; a fixed size keeps one prepared statement.
const OUTCOME_BATCH_SIZE = 100;

interface TestCaseRow {
  step_index: number;
  suite: string;
  name: string;
  file: string | null;
  status: TestStatus;
  duration: number | null;
  message: string | null;
}

interface TestHistoryRow {
  result_id: number;
  received_at: number;
  tags: string;
  tagset_key: string;
  host: string;
  arch: string;
  revision: string | null;
  step_index: number;
  status: TestStatus;
  duration: number | null;
  message: string | null;
}

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
      const rows = statements.listRecentResults.all(packageName, tagsetKey, upToKey, limit) as
        Array<{ id: number; received_at: number; revision: string | null }>;
      return rows.map((row) => ({ key: row.id, receivedAt: row.received_at, revision: row.revision }));
    },
    async listTestOutcomes(resultKeys) {
      const outcomes: TestOutcomeRecord[] = [];
      for (let start = 0; start < resultKeys.length; start += OUTCOME_BATCH_SIZE) {
        const batch = resultKeys.slice(start, start + OUTCOME_BATCH_SIZE);
        // Unused slots are bound to 0, which no result has.
        const parameters = [...batch, ...Array<number>(OUTCOME_BATCH_SIZE - batch.length).fill(0)];
        const rows = statements.listOutcomes.all(...parameters) as
          Array<{ result_id: number; suite: string; name: string; status: TestStatus }>;
        outcomes.push(...rows.map((row) => ({ resultKey: row.result_id, suite: row.suite, name: row.name, status: row.status })));
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

function readTestCaseRow(row: TestCaseRow): TestCaseEntry {
  return {
    stepIndex: row.step_index,
    suite: row.suite,
    name: row.name,
    file: row.file,
    status: row.status,
    duration: row.duration,
    message: row.message,
  };
}

function readTestHistoryRow(row: TestHistoryRow): TestHistoryRecord {
  return {
    resultKey: row.result_id,
    receivedAt: row.received_at,
    tagset: JSON.parse(row.tags) as string[],
    tagsetKey: row.tagset_key,
    host: row.host,
    arch: row.arch,
    revision: row.revision,
    stepIndex: row.step_index,
    status: row.status,
    duration: row.duration,
    message: row.message,
  };
}

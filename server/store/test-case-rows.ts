// The test case rows both stores read, and how each becomes a record: the SQLite and PostgreSQL
// stores answer alike because they share these.
import type { TestCaseEntry, TestStatus } from './test-case-types.ts';
import type { ResultRevisionRecord, TestHistoryRecord, TestOutcomeRecord } from './types.ts';

/** A test_cases row holds the entry as it is, under its column names. */
export type TestCaseRow = Omit<TestCaseEntry, 'stepIndex'> & { step_index: number };

/** One test's case in one result, joined with that result and its tagset. */
export interface TestHistoryRow {
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

export interface RecentResultRow {
  id: number;
  received_at: number;
  revision: string | null;
}

export interface TestOutcomeRow {
  result_id: number;
  suite: string;
  name: string;
  status: TestStatus;
}

export function readTestCaseRow(row: TestCaseRow): TestCaseEntry {
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

export function readTestHistoryRow(row: TestHistoryRow): TestHistoryRecord {
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

export function readRecentResultRow(row: RecentResultRow): ResultRevisionRecord {
  return { key: row.id, receivedAt: row.received_at, revision: row.revision };
}

export function readTestOutcomeRow(row: TestOutcomeRow): TestOutcomeRecord {
  return { resultKey: row.result_id, suite: row.suite, name: row.name, status: row.status };
}

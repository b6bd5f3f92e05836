// Test cases are written by both the store (with each new result) and the migration that
// indexes results stored before the table existed; one statement serves both.
import type Database from 'better-sqlite3';
import { boundMessage } from './bound-message.ts';
import type { TestCaseEntry } from './test-case-types.ts';

export interface TestCaseOwner {
  resultId: number;
  package: string;
  tagsetKey: string;
}

export type InsertTestCases = (owner: TestCaseOwner, cases: readonly TestCaseEntry[]) => void;

/** Prepares the insert; call the result inside the transaction that writes the result. */
export function prepareInsertTestCases(database: Database.Database): InsertTestCases {
  const statement = database.prepare(`
    INSERT INTO test_cases (result_id, step_index, package, tagset_key, suite, name, file, status, duration, message)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return (owner, cases) => {
    for (const testCase of cases) {
      statement.run(owner.resultId, testCase.stepIndex, owner.package, owner.tagsetKey, testCase.suite, testCase.name,
        testCase.file, testCase.status, testCase.duration, boundMessage(testCase.message));
    }
  };
}

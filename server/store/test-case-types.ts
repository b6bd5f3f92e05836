// A test case as the store keeps it. Clients send `test_cases` inside each step; what arrives
// may be anything, so the server reads it into these shapes (see read-test-cases.ts) and
// never trusts the bag's own types.
import type { TestCaseStatus } from '../../wire/types.ts';

/** The outcomes a test case can have, as the wire protocol names them. */
export const TEST_STATUSES = ['passed', 'failed', 'error', 'skipped', 'todo'] as const satisfies readonly TestCaseStatus[];

export type TestStatus = TestCaseStatus;

/** One test case of a result, as stored for queries across results. */
export interface TestCaseEntry {
  /** Index of the step in results_list that reported it. */
  stepIndex: number;
  /** '' when the report names no suite. */
  suite: string;
  name: string;
  file: string | null;
  status: TestStatus;
  /** Seconds, or null when the client sent no usable number. */
  duration: number | null;
  message: string | null;
}

/** A test case with the long texts that only the result's own bag keeps. */
export interface TestCaseDetail extends TestCaseEntry {
  details: string | null;
  output: string | null;
}

// What the coordinator answers about tests: one result's cases with what changed since the
// tagset's previous result, and one test's history across a package's tagsets.
import type { TestCounts } from '../../wire/types.ts';
import type { TestCaseDetail, TestStatus } from '../store/test-case-types.ts';
import type { TestChange } from '../test-outcomes/compare-outcomes.ts';
import type { TestIdentity } from '../test-outcomes/types.ts';

/** What changed in a result's tests since the previous result of the same tagset. */
export interface TestComparison {
  /** The previous result of the tagset; null when this is its first, and then nothing is compared. */
  previousResultKey: number | null;
  /** Failing now; passed, skipped or absent before. */
  newFailures: TestIdentity[];
  /** Passed now, failing before. */
  fixed: TestIdentity[];
  /** Failing now and before. */
  stillFailing: TestIdentity[];
}

/** One test's outcome in one of its tagset's results; null when that result did not report it. */
export interface TestHistoryPoint {
  resultKey: number;
  status: TestStatus | null;
  revision: string | null;
}

export interface ResultTestCase extends TestCaseDetail {
  change: TestChange | null;
  /** Passed and failed at one revision within the tagset's recent results. */
  flaky: boolean;
  /** This result first, then older results of the tagset. */
  history: TestHistoryPoint[];
}

/** The test report of one step, as the step carried it. */
export interface TestStepReport {
  stepIndex: number;
  stepName: string;
  /** Counted from the cases the server could read. */
  counts: TestCounts;
  warnings: string[];
  mismatch: string | null;
}

/** Everything about a result's tests: its cases, changes since last time, recent history. */
export interface ResultTests extends TestComparison {
  resultKey: number;
  package: string;
  counts: TestCounts;
  /** Steps that carried a test report (cases, warnings or a mismatch). */
  steps: TestStepReport[];
  /** Failing cases first, each group in report order. */
  testCases: ResultTestCase[];
  flaky: TestIdentity[];
}

export interface ResultTestsOptions {
  /** How many of the tagset's results (this one included) each test's history covers. Default 10. */
  historyLength?: number;
}

export interface TestHistoryOptions extends TestIdentity {
  /** Most entries to return, 1 to 500. Default 50. */
  limit?: number;
  /** Only results older than this key: the `nextBefore` of the previous page. */
  before?: number;
}

/** One test's outcome in one result, with where and when that result was built. */
export interface TestHistoryEntry {
  resultKey: number;
  time: number;
  tagset: string[];
  visibleTags: string[];
  host: string;
  arch: string;
  revision: string | null;
  status: TestStatus;
  duration: number | null;
  message: string | null;
}

/** One page of a test's history across a package's tagsets, newest first. */
export interface TestHistory extends TestIdentity {
  package: string;
  entries: TestHistoryEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

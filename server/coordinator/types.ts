// The coordinator is the one programmatic API over stored results: the XML-RPC endpoint,
// the JSON API and the web pages all go through it, and never to the store directly.
import type { Receipt, WireStruct } from '../../wire/types.ts';
import type { UploadRecord, UploadWithContent } from '../store/types.ts';
import type { TestChange } from '../test-report/compare-outcomes.ts';
import type { TestCounts } from '../../wire/types.ts';
import type { TestCaseDetail, TestStatus } from '../store/test-case-types.ts';
import type { TestIdentity } from '../test-report/types.ts';
import type { ExpectedBuilder, RetentionPolicy } from '../config/types.ts';
import type { ExpectedBuilderQueries } from './expected-types.ts';
import type { PageQueries } from './page-types.ts';
import type { RemovalOperations } from './removal-types.ts';
import type { ShouldBuildAnswer } from './should-build.ts';

export type { ShouldBuildAnswer } from './should-build.ts';
export type { UploadRecord, UploadWithContent } from '../store/types.ts';
export type { TestChange } from '../test-report/compare-outcomes.ts';
export type { TestCounts } from '../../wire/types.ts';
export type { TestCaseDetail, TestStatus } from '../store/test-case-types.ts';
export type { TestIdentity } from '../test-report/types.ts';

export interface CoordinatorOptions {
  /** The clock, in Unix seconds; replaceable so that time-based rules can be tested. */
  now?: () => number;
  /** Who should report and how often (see listExpectedBuilders). Default: nobody. */
  expected?: readonly ExpectedBuilder[];
  /** What pruneResults may remove. Default: nothing. */
  retention?: RetentionPolicy;
}

/** A stored result: `[receipt, client_info, results_list]`, the bags exactly as stored. */
export type StoredTriple = [Receipt, WireStruct, WireStruct[]];

export interface AddedResult {
  resultKey: number;
  /** Authorises uploads to this result. */
  authKey: string;
}

export interface ShouldBuildOptions {
  /** Mark the tagset as building now when the answer is yes. Default true. */
  reserveBuild?: boolean;
  /** Seconds the reservation should hold; 0 lets the server choose. Default 0. */
  buildAllowance?: number;
}

/** What a summary view shows about one result. */
export interface ResultSummary {
  resultKey: number;
  /** Unix seconds, when the server received it. */
  time: number;
  package: string;
  host: string;
  arch: string;
  success: boolean | null;
  duration: number | null;
}

export interface TagsetSummary {
  tagset: string[];
  /** The tags people see (the `__` ones hidden). */
  visibleTags: string[];
  resultCount: number;
  latest: ResultSummary;
}

export interface PackageSummary {
  package: string;
  tagsets: TagsetSummary[];
}

export interface UploadInput {
  authKey: string;
  /** As the client gave it; reduced to a safe base name before storing. */
  filename: string;
  description: string;
  visible: boolean;
  content: Buffer;
}

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

export interface Coordinator extends PageQueries, ExpectedBuilderQueries, RemovalOperations {
  /** Stores a result; bytes that are valid UTF-8 become text. */
  addResults(clientInfo: WireStruct, resultsList: WireStruct[], origin: { clientIp: string }): Promise<AddedResult>;
  /** The stored triple, or undefined for an unknown key. */
  getResult(resultKey: number): Promise<StoredTriple | undefined>;
  /** Answers "should this client build now?" and reserves the build when the answer is yes. */
  checkShouldBuild(clientInfo: WireStruct, options?: ShouldBuildOptions): Promise<ShouldBuildAnswer>;
  /** Asks the next client of this tagset to build, whatever the other rules say. */
  requestBuild(clientInfo: WireStruct): Promise<void>;
  /** Every tagset that has results for the package, each in canonical order. */
  getTagsetsForPackage(packageName: string): Promise<string[][]>;
  /** The newest result whose tagset equals the given set, or undefined. */
  getLastResultForTagset(packageName: string, tagset: string[]): Promise<StoredTriple | undefined>;
  /** Every package with the newest result of each of its tagsets. */
  listPackages(): Promise<PackageSummary[]>;
  /** True when some result was stored with this auth_key. */
  isAuthKeyKnown(authKey: string): Promise<boolean>;
  /** Attaches a file to the result that `authKey` belongs to. */
  addUpload(input: UploadInput): Promise<UploadRecord>;
  /** A result's files, the hidden ones only when asked. */
  listUploads(resultKey: number, options?: { includeHidden?: boolean }): Promise<UploadRecord[]>;
  /** One file with its content, or undefined. */
  getUpload(resultKey: number, uploadId: number): Promise<UploadWithContent | undefined>;
  /** How many results are stored. */
  countResults(): Promise<number>;
  /** A result's test cases with their long texts, failing first; undefined for an unknown result. */
  listTestCases(resultKey: number): Promise<TestCaseDetail[] | undefined>;
  /** New failures, fixed and still-failing tests since the tagset's previous result. */
  compareTestsWithPrevious(resultKey: number): Promise<TestComparison | undefined>;
  /** A result's cases with their changes, flakiness and recent history in the tagset. */
  getResultTests(resultKey: number, options?: ResultTestsOptions): Promise<ResultTests | undefined>;
  /** One test's outcomes across every tagset of a package, newest first, a page at a time. */
  getTestHistory(packageName: string, options: TestHistoryOptions): Promise<TestHistory>;
  /** The coordinator's clock, in Unix seconds. */
  now(): number;
  /** Stops removals between two batches, waits for the one in hand, then closes the store. */
  close(): Promise<void>;
}

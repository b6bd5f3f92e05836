// What the coordinator needs from storage, and nothing about how it is kept. Every method
// is async so that a networked database can implement the same interface.
import type { Readable } from 'node:stream';
import type { WireStruct } from '../../wire/types.ts';
import type { DeliveryStore } from '../notify/delivery-types.ts';
import type { AdminStore } from './admin-types.ts';
import type { ClientTokenStore } from './client-token-types.ts';
import type { TagsetRepositoryStore } from './tagset-repository-types.ts';
import type { TestCaseEntry, TestStatus } from './test-case-types.ts';
import type { LiveBuildStore, ResultState } from './live-types.ts';
import type { BuildReservation, PageStore, ResultSummaryRecord } from './page-types.ts';
import type { RemovalStore } from './removal-types.ts';
import type { SharedRequestCounts } from './request-count-types.ts';
import type { ResultChangeStore } from './result-change-types.ts';

/** A result as it is written: the client's two bags plus what the server derived from them. */
export interface NewResultRecord {
  /** Unix seconds, server time. */
  receivedAt: number;
  clientIp: string;
  package: string;
  host: string;
  arch: string;
  /** Canonical tagset: tags plus `__package=`, `__arch=`, `__host=`, sorted, without duplicates. */
  tagset: string[];
  tagsetKey: string;
  /** The client's `success` flag, or null when it sent none. */
  success: boolean | null;
  /** The client's `duration` in seconds, or null when it sent none. */
  duration: number | null;
  authKey: string;
  /** The revision the build was made from (see read-revision.ts), or null. */
  revision: string | null;
  clientInfo: WireStruct;
  resultsList: WireStruct[];
  /** The test cases read from the steps, stored with the result for queries across results. */
  testCases: TestCaseEntry[];
}

/** A stored result: what the server derived when storing it, and the bags exactly as they were stored. */
export interface StoredResult extends ResultSummaryRecord {
  clientIp: string;
  /** The canonical tagset, as stored with the result's tagset. */
  tagset: string[];
  tagsetKey: string;
  revision: string | null;
  clientInfo: WireStruct;
  /** The steps; while the build runs (or once abandoned), the steps added so far. */
  resultsList: WireStruct[];
  state: ResultState;
}

/** A result of a tagset, as test comparisons need it. */
export interface ResultRevisionRecord {
  key: number;
  receivedAt: number;
  revision: string | null;
}

/** One test's outcome in one result. */
export interface TestOutcomeRecord {
  resultKey: number;
  suite: string;
  name: string;
  status: TestStatus;
}

/** One test's outcome in one result, with where and when that result was built. */
export interface TestHistoryRecord {
  resultKey: number;
  receivedAt: number;
  tagset: string[];
  tagsetKey: string;
  host: string;
  arch: string;
  revision: string | null;
  stepIndex: number;
  status: TestStatus;
  duration: number | null;
  message: string | null;
}

export interface TestHistoryQuery {
  packageName: string;
  suite: string;
  name: string;
  /** Only results with a smaller key (older); all when absent. */
  beforeKey?: number;
  limit: number;
}

/** One tagset of a package, with its newest result. */
export interface TagsetRecord {
  package: string;
  tagset: string[];
  tagsetKey: string;
  resultCount: number;
  latest: ResultSummaryRecord;
  /** What the newest result was built from (client_info.revision, else its checkout's version_info). */
  latestRevision: string | null;
}

export interface NewUploadRecord {
  resultKey: number;
  filename: string;
  description: string;
  visible: boolean;
  /** Unix seconds. */
  uploadedAt: number;
  content: Buffer;
}

export interface UploadRecord {
  id: number;
  resultKey: number;
  filename: string;
  description: string;
  visible: boolean;
  size: number;
  uploadedAt: number;
  /** Unix seconds when the file was removed to keep within the artifact quota; null while it is kept. */
  evictedAt: number | null;
}

export interface UploadWithContent extends UploadRecord {
  /** The file's bytes; null once evicted. */
  content: Readable | null;
}

export interface Store extends PageStore, RemovalStore, LiveBuildStore, ClientTokenStore, TagsetRepositoryStore, AdminStore, DeliveryStore,
  ResultChangeStore {
  /** Stores a result with its test cases, updates its tagset and ends any reservation of it, all or nothing; returns the new key. */
  addResult(record: NewResultRecord): Promise<number>;
  /** One result in any state, row and bags, read in one statement. */
  getResult(key: number): Promise<StoredResult | undefined>;
  /** The stored test cases of a result, in report order. */
  listTestCases(resultKey: number): Promise<TestCaseEntry[]>;
  /** Results of a tagset with keys up to `upToKey`, newest first, at most `limit`. */
  listRecentResults(packageName: string, tagsetKey: string, upToKey: number, limit: number): Promise<ResultRevisionRecord[]>;
  /** Every test outcome of the given results. */
  listTestOutcomes(resultKeys: readonly number[]): Promise<TestOutcomeRecord[]>;
  /** One test's outcomes across every tagset of a package, newest result first, at most `limit` rows. */
  listTestHistory(query: TestHistoryQuery): Promise<TestHistoryRecord[]>;
  findResultKeyByAuthKey(authKey: string): Promise<number | undefined>;
  countResults(): Promise<number>;
  /** Reads a row of a real table, so a database that cannot be read throws here; cheap enough to call on every health check. */
  checkReadable(): Promise<void>;
  /** Package names, sorted. */
  listPackages(): Promise<string[]>;
  /** Tagsets with their newest result, sorted by package then tagset; all packages when none is given. */
  listTagsets(packageName?: string): Promise<TagsetRecord[]>;
  getTagset(tagsetKey: string): Promise<TagsetRecord | undefined>;
  getLatestResultForTagset(packageName: string, tagsetKey: string): Promise<StoredResult | undefined>;
  addBuildRequest(tagsetKey: string, requestedAt: number): Promise<void>;
  /** Removes a pending build request; true when there was one. */
  takeBuildRequest(tagsetKey: string): Promise<boolean>;
  getBuildReservation(tagsetKey: string): Promise<BuildReservation | undefined>;
  setBuildReservation(tagsetKey: string, reservation: BuildReservation): Promise<void>;
  /** Ends the tagset's reservation; true when there was one. */
  deleteBuildReservation(tagsetKey: string): Promise<boolean>;
  addUpload(record: NewUploadRecord): Promise<UploadRecord>;
  listUploads(resultKey: number): Promise<UploadRecord[]>;
  getUpload(resultKey: number, uploadId: number): Promise<UploadWithContent | undefined>;
  /** Evicts the oldest kept files until all kept files fit in `quotaBytes`; their rows stay, marked. Answers the evicted. */
  evictUploadsBeyond(quotaBytes: number, evictedAt: number): Promise<UploadRecord[]>;
  /**
   * Runs `work` while no other work under the same name runs: in this process, and with a
   * database several servers share, in theirs too. For decisions that read and then write.
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T>;
  /**
   * Request counts every server instance sharing this store adds to; null where one process
   * serves the store alone (SQLite), whose own memory sees every request.
   */
  readonly sharedRequestCounts: SharedRequestCounts | null;
  close(): Promise<void>;
}

// The coordinator is the one programmatic API over stored results: the XML-RPC endpoint,
// the JSON API and the web pages all go through it, and never to the store directly.
import type { Receipt, WireStruct } from '../../runner/types.ts';
import type { UploadRecord, UploadWithContent } from '../store/types.ts';
import type { ShouldBuildAnswer } from './should-build.ts';

export type { ShouldBuildAnswer } from './should-build.ts';
export type { UploadRecord, UploadWithContent } from '../store/types.ts';

export interface CoordinatorOptions {
  /** The clock, in Unix seconds; replaceable so that time-based rules can be tested. */
  now?: () => number;
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

export interface Coordinator {
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
  listUploads(resultKey: number, options?: { includeHidden?: boolean }): Promise<UploadRecord[]>;
  getUpload(resultKey: number, uploadId: number): Promise<UploadWithContent | undefined>;
  countResults(): Promise<number>;
  /** The coordinator's clock, in Unix seconds. */
  now(): number;
  close(): Promise<void>;
}

// What the coordinator needs from storage, and nothing about how it is kept. Every method
// is async so that a networked database can implement the same interface.
import type { WireStruct } from '../../runner/types.ts';

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
  clientInfo: WireStruct;
  resultsList: WireStruct[];
}

/** A stored result with its bags, exactly as they were stored. */
export interface StoredResult {
  key: number;
  receivedAt: number;
  clientIp: string;
  clientInfo: WireStruct;
  resultsList: WireStruct[];
}

/** What summary views need about a result, without reading its bags. */
export interface ResultSummaryRecord {
  key: number;
  receivedAt: number;
  package: string;
  host: string;
  arch: string;
  success: boolean | null;
  duration: number | null;
}

/** One tagset of a package, with its newest result. */
export interface TagsetRecord {
  package: string;
  tagset: string[];
  tagsetKey: string;
  resultCount: number;
  latest: ResultSummaryRecord;
}

/** A client said it is building this tagset now. */
export interface BuildReservation {
  /** Unix seconds. */
  reservedAt: number;
  /** The allowance the client asked for, in seconds; 0 when it asked for none. */
  requestedAllowance: number;
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
}

export interface UploadWithContent extends UploadRecord {
  content: Buffer;
}

export interface Store {
  /** Stores a result, updates its tagset and ends any reservation of it, all or nothing; returns the new key. */
  addResult(record: NewResultRecord): Promise<number>;
  getResult(key: number): Promise<StoredResult | undefined>;
  findResultKeyByAuthKey(authKey: string): Promise<number | undefined>;
  countResults(): Promise<number>;
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
  addUpload(record: NewUploadRecord): Promise<UploadRecord>;
  listUploads(resultKey: number): Promise<UploadRecord[]>;
  getUpload(resultKey: number, uploadId: number): Promise<UploadWithContent | undefined>;
  close(): Promise<void>;
}

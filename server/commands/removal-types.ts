// What the coordinator answers when results are removed: by retention, by key, or a whole tagset.

/** What one pruning run removed. */
export interface PruneSummary {
  removed: number;
}

/** One removed result. */
export interface RemovedResult {
  resultKey: number;
  /** Unix seconds, when the server had received it. */
  time: number;
  package: string;
  tagset: string[];
  visibleTags: string[];
  /** Test cases and uploads removed with it. */
  testCases: number;
  uploads: number;
  /** The tagset's latest result afterwards; null when the tagset has no results left. */
  tagsetLatestKey: number | null;
}

/** Every result of one tagset, removed. */
export interface FlushedTagset {
  package: string;
  tagset: string[];
  visibleTags: string[];
  /** Oldest first. */
  removedKeys: number[];
  testCases: number;
  uploads: number;
}

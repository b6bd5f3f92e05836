// What retention and the admin commands need from storage: finding results to remove
// through indexes, and removing them with everything attached.

/** What pruning by age needs to know about a result; read oldest first. */
export interface ResultAgeRecord {
  key: number;
  receivedAt: number;
  /** The newest result of its tagset, which pruning never removes. */
  isTagsetLatest: boolean;
}

/** A tagset, named by its package and key. */
export interface TagsetReference {
  package: string;
  tagsetKey: string;
}

export interface RemoveResultsOptions {
  /** Skip any result that is the newest of its tagset when the removal runs. */
  keepTagsetLatest: boolean;
}

/** A result that was removed, with what went with it. */
export interface RemovedResultRecord {
  key: number;
  receivedAt: number;
  package: string;
  tagset: string[];
  tagsetKey: string;
  testCases: number;
  uploads: number;
}

export interface RemovalStore {
  /** Results with keys above `afterKey`, oldest first, at most `limit`. */
  listResultAges(afterKey: number, limit: number): Promise<ResultAgeRecord[]>;
  /** Tagsets holding more than `count` results. */
  listTagsetsLargerThan(count: number): Promise<TagsetReference[]>;
  /** Keys of a tagset's results after skipping its newest `skipNewest`, newest first, at most `limit`. */
  listOlderResultKeys(tagset: TagsetReference, skipNewest: number, limit: number): Promise<number[]>;
  /**
   * Removes results with their test cases and uploads, all or nothing; each tagset's latest
   * and count follow, and a tagset left empty disappears. Unknown keys are skipped.
   */
  removeResults(keys: readonly number[], options: RemoveResultsOptions): Promise<RemovedResultRecord[]>;
}

// What summary views show about results and tagsets, read from light rows, never the bags.

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

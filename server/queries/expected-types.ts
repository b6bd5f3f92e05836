// What the coordinator answers about expected builders: the package/host/arch/tags the
// server configuration says should report, and whether they did.

/** `ok`: reported within max_age; `stale`: the newest matching result is older; `missing`: none ever. */
export type ExpectedBuilderState = 'ok' | 'stale' | 'missing';

/** The newest result of a tagset that an expected builder matches. */
export interface ExpectedResult {
  resultKey: number;
  /** Unix seconds, when the server received it. */
  time: number;
  success: boolean | null;
}

/** One tagset an expected builder matches, judged on its own. */
export interface ExpectedTagsetStatus {
  tagset: string[];
  /** The tags people see (the `__` ones hidden). */
  visibleTags: string[];
  host: string;
  arch: string;
  state: 'ok' | 'stale';
  latest: ExpectedResult;
}

/**
 * One configured expected builder. Its state comes from the newest result of any tagset it
 * matches; each matched tagset is listed too, with its own state.
 */
export interface ExpectedBuilderStatus {
  package: string;
  host: string | null;
  arch: string | null;
  tags: string[];
  maxAgeSeconds: number;
  state: ExpectedBuilderState;
  /** Seconds since the newest matching result; null when missing. */
  ageSeconds: number | null;
  /** The newest matching result; null when missing. */
  latest: ExpectedResult | null;
  /** Newest first. */
  tagsets: ExpectedTagsetStatus[];
}

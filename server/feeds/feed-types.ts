// What a feed item says about one result: enough to decide from a reader whether to look.
import type { ResultChange } from '../rules/classify-change.ts';
import type { ResultOutcome } from '../rules/summarize-outcomes.ts';

export interface FeedEntry {
  resultKey: number;
  /** Unix seconds, when the server received it. */
  time: number;
  package: string;
  host: string;
  arch: string;
  tagset: string[];
  visibleTags: string[];
  outcome: ResultOutcome;
  /** Against the tagset's previous known outcome (server/rules/classify-change.ts). */
  change: ResultChange;
  /** Only for a failed result: what failed. */
  failure?: FailureDetail;
}

export interface FailureDetail {
  /** The first step that failed the build (allowed failures are not), or null when no step says so. */
  firstFailingStep: { number: number; name: string; ending: string } | null;
  /** The first few failing tests (failed or error). */
  failingTests: Array<{ suite: string; name: string; message: string | null }>;
  failingTestCount: number;
}

/** A failures feed holds what a maintainer acts on: a tagset that broke, each further failing run, and the fix. */
export const FAILURE_FEED_CHANGES: ReadonlySet<ResultChange> = new Set(['broke', 'still_failing', 'fixed']);

// What a new result changed for its tagset, as feeds, webhooks and mail announce it. Unknown
// outcomes (no `success` sent) say nothing about health, so they are skipped when looking back.
import type { ResultOutcome } from './summarize-outcomes.ts';

/**
 * - `broke`: failed after a pass, or on the tagset's first known outcome;
 * - `fixed`: passed after a failure;
 * - `still_failing`, `still_passing`: the same as the previous known outcome, or a first pass;
 * - `unknown`: the result itself has no outcome.
 */
export const RESULT_CHANGES = ['broke', 'fixed', 'still_failing', 'still_passing', 'unknown'] as const;

export type ResultChange = (typeof RESULT_CHANGES)[number];

/** `previous` is the newest earlier outcome of the same tagset that is not `unknown`, if any. */
export function classifyChange(current: ResultOutcome, previous: ResultOutcome | undefined): ResultChange {
  if (current === 'unknown') {
    return 'unknown';
  }
  if (current === 'failed') {
    return previous === 'failed' ? 'still_failing' : 'broke';
  }
  return previous === 'failed' ? 'fixed' : 'still_passing';
}

/** The newest known outcome among earlier outcomes given newest first. */
export function findPreviousKnownOutcome(earlierNewestFirst: readonly ResultOutcome[]): ResultOutcome | undefined {
  return earlierNewestFirst.find((outcome) => outcome !== 'unknown');
}

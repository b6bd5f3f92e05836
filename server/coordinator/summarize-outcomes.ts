// A tagset's recent outcomes as people read them: the current streak and "N of the last M".
import type { OutcomePoint, ResultOutcome, Streak } from './page-types.ts';

/** `passed`, `failed` or `unknown` from a stored success flag. */
export function toOutcome(success: boolean | null): ResultOutcome {
  return success === null ? 'unknown' : success ? 'passed' : 'failed';
}

/** The streak of the newest outcome, from outcomes newest first; `complete` is false when it may go on past them. */
export function findStreak(points: readonly OutcomePoint[], exhausted: boolean): Streak | undefined {
  const newest = points[0];
  if (!newest) {
    return undefined;
  }
  let length = 1;
  while (length < points.length && points[length]!.outcome === newest.outcome) {
    length++;
  }
  return {
    outcome: newest.outcome,
    sinceResultKey: points[length - 1]!.resultKey,
    length,
    complete: length < points.length || exhausted,
  };
}

export function countPassed(points: readonly OutcomePoint[]): number {
  return points.filter((point) => point.outcome === 'passed').length;
}

// A tagset's recent outcomes as people read them: the current streak and "N of the last M".

/** A result's outcomes: `passed`, `failed`, or `unknown` when the client sent no `success`. */
export const RESULT_OUTCOMES = ['passed', 'failed', 'unknown'] as const;

export type ResultOutcome = (typeof RESULT_OUTCOMES)[number];

/** One result's outcome in a tagset's history. */
export interface OutcomePoint {
  resultKey: number;
  time: number;
  outcome: ResultOutcome;
}

/** How long a tagset has had its latest outcome. */
export interface Streak {
  outcome: ResultOutcome;
  /** The oldest result of the streak. */
  sinceResultKey: number;
  length: number;
  /** False when the streak reaches past the results that were read, so it is at least `length`. */
  complete: boolean;
}

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

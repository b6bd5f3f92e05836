// The store answers a live call for an unknown token, or for a build that takes no more,
// with an outcome; every live command refuses it with the same error.
import { BuildFinishedError, UnknownUpdateTokenError } from '../errors/live-build-errors.ts';
import type { LiveCallRefusal } from '../store/live-types.ts';

type FinishedRefusal = Extract<LiveCallRefusal, { kind: 'already-finished' }>;

/** Throws the error a refusal answers with; any other outcome goes on. */
export function assertLiveCallAccepted<Outcome extends { kind: string }>(
  outcome: Outcome,
): asserts outcome is Exclude<Outcome, LiveCallRefusal> {
  if (outcome.kind === 'unknown-token') {
    throw new UnknownUpdateTokenError();
  }
  if (isFinishedRefusal(outcome)) {
    throw new BuildFinishedError(outcome.resultKey);
  }
}

function isFinishedRefusal(outcome: { kind: string }): outcome is FinishedRefusal {
  return outcome.kind === 'already-finished';
}

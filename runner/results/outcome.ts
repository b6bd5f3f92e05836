// Deciding what a finished step or build means. Pure functions only, so the
// console, the result file and the server all agree on one answer.
import type { StepResult } from '../../wire/types.ts';

/** How a step ended, from best to worst; the order is what `worstStepState` compares. */
export const stepStates = ['passed', 'allowed-failure', 'failed', 'interrupted'] as const;
export type StepState = (typeof stepStates)[number];

export function getStepState(step: StepResult): StepState {
  if (step.termination === 'interrupted') {
    return 'interrupted';
  }
  if (step.status === 0 && !step.termination) {
    return 'passed';
  }
  return step.allowed_to_fail === true ? 'allowed-failure' : 'failed';
}

export function worstStepState(a: StepState, b: StepState): StepState {
  return stepStates.indexOf(a) >= stepStates.indexOf(b) ? a : b;
}

/** A step that failed and was not allowed to stops the build unless the recipe says keep going. */
export function isStepFatal(step: StepResult): boolean {
  const state = getStepState(step);
  return state === 'failed' || state === 'interrupted';
}

/** The original's rule: the build succeeded when every step succeeded or was allowed to fail. */
export function isBuildSuccessful(steps: readonly StepResult[], completed: boolean): boolean {
  return completed && steps.every((step) => !isStepFatal(step));
}

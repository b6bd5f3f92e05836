import type { StepResult } from '../../wire/types.ts';

/**
 * A context's `beforeEnd` hook threw after its step ran. The step has ended (its `step:end`
 * was announced with `result`), so the build records it as it is and hands `cause` on to
 * the context that ran the step.
 */
export class StepCompletionError extends Error {
  constructor(
    readonly result: StepResult,
    readonly cause: unknown,
  ) {
    super(`completing the result of \`${result.name}\` failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StepCompletionError';
  }
}

import type { CommandOutcome, Termination } from './options.ts';

// A command that never ran still yields an outcome, so the runner reports it like any failed step.
export function createUnstartedOutcome(termination: Termination, error: string, durationSeconds: number): CommandOutcome {
  return {
    status: -1,
    termination,
    output: '',
    errout: termination === 'spawn-error' ? `${error}\n` : '',
    outputTruncatedBytes: 0,
    erroutTruncatedBytes: 0,
    durationSeconds,
    error,
  };
}

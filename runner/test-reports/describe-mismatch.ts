// A test command's exit status and its report should agree; when they do not
// (a runner that exits 0 on failures, a crash after every test passed), the
// step says so instead of silently trusting either.
import type { TestCounts } from '../../wire/types.ts';
import { countFailures } from './count-test-cases.ts';

export interface StepEnding {
  status: number;
  /** Set when the step was ended from outside (timeout, Ctrl-C) or never started. */
  termination?: string;
}

export function describeMismatch(ending: StepEnding, counts: TestCounts): string | undefined {
  const failures = countFailures(counts);
  if (ending.status === 0 && failures > 0) {
    return `exit status 0 but ${failures} ${failures === 1 ? 'test' : 'tests'} failed`;
  }
  if (ending.status !== 0 && ending.termination === undefined && counts.total > 0 && failures === 0) {
    const verdict = counts.passed === counts.total ? 'every test passed' : 'no test failed';
    return `exit status ${ending.status} but ${verdict}`;
  }
  return undefined;
}

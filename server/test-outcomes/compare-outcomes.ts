// Pure rules for reading one test's outcomes across results: what "failing" means, how
// repeated entries of one test in one result combine, and what changed since last time.
import type { TestStatus } from '../store/test-case-types.ts';
import type { TestIdentity } from './types.ts';

export type TestChange = 'new-failure' | 'fixed' | 'still-failing';

/** A key for maps of tests; JSON so that no suite or name can collide with another pair. */
export function makeTestKey({ suite, name }: TestIdentity): string {
  return JSON.stringify([suite, name]);
}

export function isFailing(status: TestStatus): boolean {
  return status === 'failed' || status === 'error';
}

// A test reported twice in one result (two test steps, a retried run) counts as failing
// when any report of it failed, and as passed when any passed and none failed.
const STATUS_WEIGHT: Record<TestStatus, number> = { error: 4, failed: 3, passed: 2, todo: 1, skipped: 0 };

/** The combined outcome of each test in one result. */
export function combineOutcomes(outcomes: ReadonlyArray<TestIdentity & { status: TestStatus }>): Map<string, TestStatus> {
  const combined = new Map<string, TestStatus>();
  for (const outcome of outcomes) {
    const key = makeTestKey(outcome);
    const seen = combined.get(key);
    if (seen === undefined || STATUS_WEIGHT[outcome.status] > STATUS_WEIGHT[seen]) {
      combined.set(key, outcome.status);
    }
  }
  return combined;
}

/**
 * What changed for one test since the previous result: a failure is new unless the test
 * failed before too (absent, skipped or passed before all count as new).
 */
export function classifyChange(now: TestStatus, before: TestStatus | undefined): TestChange | null {
  if (isFailing(now)) {
    return before !== undefined && isFailing(before) ? 'still-failing' : 'new-failure';
  }
  return now === 'passed' && before !== undefined && isFailing(before) ? 'fixed' : null;
}

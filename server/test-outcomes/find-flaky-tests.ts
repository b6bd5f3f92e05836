// A test is flaky when the same code both passed and failed it: the outcome then depends on
// something other than the revision. Results without a known revision prove nothing.
import { isFailing, makeTestKey } from './compare-outcomes.ts';
import type { TestStatus } from '../store/test-case-types.ts';
import type { TestIdentity } from './types.ts';

export interface RevisionedOutcome extends TestIdentity {
  status: TestStatus;
  revision: string | null;
}

/** Keys (see makeTestKey) of the tests that passed and failed at one revision. */
export function findFlakyTests(outcomes: readonly RevisionedOutcome[]): Set<string> {
  const seen = new Map<string, { passed: boolean; failed: boolean }>();
  const flaky = new Set<string>();
  for (const outcome of outcomes) {
    if (outcome.revision === null || !(outcome.status === 'passed' || isFailing(outcome.status))) {
      continue;
    }
    const testKey = makeTestKey(outcome);
    const slotKey = JSON.stringify([testKey, outcome.revision]);
    const slot = seen.get(slotKey) ?? { passed: false, failed: false };
    slot[outcome.status === 'passed' ? 'passed' : 'failed'] = true;
    seen.set(slotKey, slot);
    if (slot.passed && slot.failed) {
      flaky.add(testKey);
    }
  }
  return flaky;
}

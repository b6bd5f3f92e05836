import type { TestCase, TestCounts } from '../../wire/types.ts';

export function createEmptyCounts(): TestCounts {
  return { total: 0, passed: 0, failed: 0, error: 0, skipped: 0, todo: 0 };
}

export function countTestCases(cases: readonly TestCase[]): TestCounts {
  const counts = createEmptyCounts();
  for (const testCase of cases) {
    counts.total += 1;
    counts[testCase.status] += 1;
  }
  return counts;
}

/** Failures and errors: what makes a report unsuccessful. */
export function countFailures(counts: TestCounts): number {
  return counts.failed + counts.error;
}

// Counts are computed from the cases the server could read, not taken from the client's
// `test_counts`, so the summary always agrees with the table under it.
import type { TestCounts } from '../../wire/types.ts';
import type { TestStatus } from '../store/test-case-types.ts';

export function countTestCases(cases: ReadonlyArray<{ status: TestStatus }>): TestCounts {
  const counts: TestCounts = { total: 0, passed: 0, failed: 0, error: 0, skipped: 0, todo: 0 };
  for (const testCase of cases) {
    counts.total++;
    counts[testCase.status]++;
  }
  return counts;
}

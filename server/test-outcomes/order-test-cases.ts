import { isFailing } from './compare-outcomes.ts';
import type { TestStatus } from '../store/test-case-types.ts';

/** Failing cases first, each group in report order: people open a result to see what broke. */
export function orderFailuresFirst<T extends { status: TestStatus }>(cases: readonly T[]): T[] {
  return [...cases.filter((testCase) => isFailing(testCase.status)), ...cases.filter((testCase) => !isFailing(testCase.status))];
}

// A result's test cases are indexed row by row and listed on its pages, so their number is
// bounded by `limits.test_cases_per_result` (docs/PROTOCOL.md, "Bounds"), for a result sent
// whole and for the steps of a live build together.
import { isWireStruct } from '../../wire/describe-value.ts';
import type { WireValue } from '../../wire/types.ts';
import { LimitExceededError } from '../errors/limit-errors.ts';

/** The test cases the steps carry: every `test_cases` array counts whole, readable entries or not. */
export function countStepTestCases(steps: readonly WireValue[]): number {
  let count = 0;
  for (const step of steps) {
    if (isWireStruct(step) && Array.isArray(step.test_cases)) {
      count += step.test_cases.length;
    }
  }
  return count;
}

/** Refuses steps that together carry more than `limit` test cases; `where` names what holds them. */
export function assertTestCasesWithin(steps: readonly WireValue[], limit: number, where: string): void {
  const count = countStepTestCases(steps);
  if (count > limit) {
    throw tooManyTestCases(where, count, limit);
  }
}

/** The refusal of `count` test cases in `where`, more than a result may hold. */
export function tooManyTestCases(where: string, count: number, limit: number): LimitExceededError {
  return new LimitExceededError(where, count, 'limits.test_cases_per_result', limit, 'test cases');
}

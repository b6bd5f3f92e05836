// A result's test cases are indexed row by row and listed on its pages, so their number is
// bounded by `limits.test_cases_per_result` (docs/PROTOCOL.md, "Bounds").
import { isWireStruct } from '../../wire/describe-value.ts';
import type { WireValue } from '../../wire/types.ts';
import { LimitExceededError } from '../errors/limit-errors.ts';

/** Refuses steps that together carry more than `limit` test cases; `where` names what holds them. */
export function assertTestCasesWithin(steps: readonly WireValue[], limit: number, where: string): void {
  let count = 0;
  for (const step of steps) {
    if (isWireStruct(step) && Array.isArray(step.test_cases)) {
      count += step.test_cases.length;
    }
  }
  if (count > limit) {
    throw new LimitExceededError(where, count, 'limits.test_cases_per_result', limit, 'test cases');
  }
}

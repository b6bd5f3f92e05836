// Test steps as pony-build's client sends them: `test_cases` and `test_counts` inside the step.
import { makeStep } from './results.ts';

export type TestCaseInput = Record<string, unknown> & { name?: unknown; status?: unknown };

export function makeTestCase(overrides: Record<string, unknown> = {}) {
  return { name: 'adds', suite: 'math', file: 'test/math.test.js', status: 'passed', duration: 0.01, ...overrides };
}

/** A test step carrying these cases; it fails when any case failed, as a test runner's exit status would. */
export function makeTestStep(cases: unknown[], overrides: Record<string, unknown> = {}) {
  const statuses = cases.map((testCase) => (testCase as TestCaseInput)?.status);
  const count = (status: string) => statuses.filter((given) => given === status).length;
  return makeStep({
    name: 'test',
    type: 'test',
    command: ['npm', 'test'],
    status: count('failed') + count('error') > 0 ? 1 : 0,
    test_cases: cases,
    test_counts: {
      total: cases.length, passed: count('passed'), failed: count('failed'), error: count('error'),
      skipped: count('skipped'), todo: count('todo'),
    },
    ...overrides,
  });
}

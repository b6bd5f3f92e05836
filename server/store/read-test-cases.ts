// A client may send anything as `test_cases`. Reading is lenient so that a broken report
// never costs the build its result: entries that cannot name a test are left out, and the
// bag itself is stored untouched either way. The store indexes what this reads, for new
// results and when upgrading old ones, so the reader lives with it.
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { isWireStruct } from '../../wire/describe-value.ts';
import { readWireSeconds } from '../../wire/read-wire-number.ts';
import { TEST_STATUSES, type TestCaseDetail, type TestStatus } from './test-case-types.ts';

/** Every readable test case of every step, in report order. */
export function readTestCases(resultsList: readonly WireStruct[]): TestCaseDetail[] {
  const cases: TestCaseDetail[] = [];
  resultsList.forEach((step, stepIndex) => {
    const entries = step.test_cases;
    if (!Array.isArray(entries)) {
      return;
    }
    for (const entry of entries) {
      const testCase = readTestCase(entry, stepIndex);
      if (testCase) {
        cases.push(testCase);
      }
    }
  });
  return cases;
}

/**
 * A status outside the protocol's five becomes `error`: an outcome nobody can read is
 * something to look at, and calling it `passed` would hide it.
 */
export function readTestStatus(value: WireValue | undefined): TestStatus {
  return TEST_STATUSES.find((status) => status === value) ?? 'error';
}

function readTestCase(entry: WireValue, stepIndex: number): TestCaseDetail | undefined {
  if (!isWireStruct(entry) || typeof entry.name !== 'string' || entry.name === '') {
    return undefined;
  }
  return {
    stepIndex,
    suite: readText(entry.suite) ?? '',
    name: entry.name,
    file: readText(entry.file),
    status: readTestStatus(entry.status),
    duration: readWireSeconds(entry.duration) ?? null,
    message: readText(entry.message),
    details: readText(entry.details),
    output: readText(entry.output),
  };
}

function readText(value: WireValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

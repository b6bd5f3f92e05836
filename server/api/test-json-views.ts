// The JSON shapes of the per-test queries, in the wire protocol's snake_case.
import type { ResultTestCase, ResultTests, TestHistory } from '../queries/test-types.ts';
import type { TestIdentity } from '../test-outcomes/types.ts';

export function toResultTestsJson(tests: ResultTests): unknown {
  return {
    result_key: tests.resultKey,
    package: tests.package,
    previous_result_key: tests.previousResultKey,
    test_counts: tests.counts,
    steps: tests.steps.map((step) => ({
      step_index: step.stepIndex,
      name: step.stepName,
      test_counts: step.counts,
      test_report_warnings: step.warnings,
      test_report_mismatch: step.mismatch,
    })),
    new_failures: tests.newFailures.map(toIdentityJson),
    fixed: tests.fixed.map(toIdentityJson),
    still_failing: tests.stillFailing.map(toIdentityJson),
    flaky: tests.flaky.map(toIdentityJson),
    test_cases: tests.testCases.map(toTestCaseJson),
  };
}

/** `basePath` ('' or e.g. `/ci`) starts each result page's `url`. */
export function toTestHistoryJson(history: TestHistory, basePath: string): unknown {
  return {
    package: history.package,
    suite: history.suite,
    name: history.name,
    history: history.entries.map((entry) => ({
      result_key: entry.resultKey,
      status: entry.status,
      duration: entry.duration,
      message: entry.message,
      time: entry.time,
      tagset: entry.tagset,
      tags: entry.visibleTags,
      host: entry.host,
      arch: entry.arch,
      revision: entry.revision,
      url: `${basePath}/results/${entry.resultKey}`,
    })),
    next_before: history.nextBefore,
  };
}

function toIdentityJson({ suite, name }: TestIdentity) {
  return { suite, name };
}

function toTestCaseJson(testCase: ResultTestCase) {
  return {
    step_index: testCase.stepIndex,
    suite: testCase.suite,
    name: testCase.name,
    file: testCase.file,
    status: testCase.status,
    duration: testCase.duration,
    message: testCase.message,
    details: testCase.details,
    output: testCase.output,
    change: testCase.change,
    flaky: testCase.flaky,
    history: testCase.history.map((point) => ({ result_key: point.resultKey, status: point.status, revision: point.revision })),
  };
}

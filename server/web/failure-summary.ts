// The first screen of a result answers "what failed": the first failing step and the failing
// tests, each a link to its place below, before any log. Allowed failures are named apart,
// since they did not fail the build.
import type { StepView } from './step-view-model.ts';
import { makeTestFilterUrl } from './test-links.ts';
import type { toTestTableViews } from './test-view-models.ts';

// Enough to see a pattern on a phone's first screen; the rest are a click away.
const FAILING_TESTS_SHOWN = 5;

type TestTables = ReturnType<typeof toTestTableViews>;

export function toFailureSummary(steps: StepView[], tables: TestTables, resultKey: number) {
  const firstFailure = steps.find((step) => step.statusClass === 'fail');
  const failingTests = steps.flatMap((step) => (tables.get(step.number - 1)?.failing ?? []).map((test) => ({ ...test, stepNumber: step.number })));
  const hidden = failingTests.length - FAILING_TESTS_SHOWN;
  return {
    stepCount: steps.length,
    allPassed: steps.every((step) => step.statusClass === 'pass'),
    firstFailure: firstFailure && {
      id: firstFailure.id,
      number: firstFailure.number,
      name: firstFailure.name,
      ending: firstFailure.ending,
    },
    allowedFailures: steps.filter((step) => step.statusClass === 'warn').map((step) => ({ id: step.id, name: step.name })),
    failingTestCount: failingTests.length,
    failingTests: failingTests.slice(0, FAILING_TESTS_SHOWN),
    moreFailingTests: hidden > 0
      ? { text: `${hidden} more failing test${hidden === 1 ? '' : 's'}`, url: makeTestFilterUrl(resultKey, 'failed', failingTests[FAILING_TESTS_SHOWN]!.stepNumber) }
      : undefined,
  };
}

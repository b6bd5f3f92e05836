// Test tables for the result page and the test history page. The status filter works on
// the server (plain links), so the pages need no script and stay fast with many tests.
import type { ResultTestCase, ResultTests, TestHistory, TestStepReport } from '../queries/test-types.ts';
import type { TestChange } from '../test-outcomes/compare-outcomes.ts';
import { getVisibleTags } from '../../wire/tagset.ts';
import type { TestCounts } from '../../wire/types.ts';
import { TEST_STATUSES, type TestStatus } from '../store/test-case-types.ts';
import { formatAbsoluteTime, formatDuration, formatValue } from './format.ts';
import { makeTestFilterUrl, makeTestHistoryUrl } from './test-links.ts';
import { describeTimeView } from './view-parts.ts';

const STATUS_CLASSES: Record<TestStatus, string> = { passed: 'pass', failed: 'fail', error: 'fail', skipped: 'skip', todo: 'skip' };
// The words of the step labels (pass, fail) for the statuses the wire names passed, failed...
const STATUS_LABELS: Record<TestStatus, string> = { passed: 'pass', failed: 'fail', error: 'error', skipped: 'skip', todo: 'todo' };
const FAILING_STATUSES: ReadonlySet<TestStatus> = new Set(['failed', 'error']);

const CHANGE_BADGES: Record<TestChange, { label: string; badgeClass: string } | undefined> = {
  'new-failure': { label: 'new failure', badgeClass: 'fail' },
  fixed: { label: 'fixed', badgeClass: 'pass' },
  'still-failing': undefined,
};

/** The test table of each step that carried a report, keyed by step index. */
export function toTestTableViews(tests: ResultTests, filter: TestStatus | undefined): Map<number, ReturnType<typeof toTestTableView>> {
  return new Map(tests.steps.map((step) => [step.stepIndex, toTestTableView(tests, step, filter)]));
}

/** One line about the whole result's tests, for the top of the result page. */
export function toTestSummaryView(tests: ResultTests) {
  if (tests.counts.total === 0) {
    return undefined;
  }
  const parts = [describeCounts(tests.counts)];
  if (tests.newFailures.length > 0) {
    parts.push(`${tests.newFailures.length} new failure${tests.newFailures.length === 1 ? '' : 's'}`);
  }
  if (tests.fixed.length > 0) {
    parts.push(`${tests.fixed.length} fixed`);
  }
  if (tests.flaky.length > 0) {
    parts.push(`${tests.flaky.length} flaky`);
  }
  return { text: parts.join('; '), failing: tests.counts.failed + tests.counts.error > 0 };
}

export function toTestHistoryPage(history: TestHistory, now: number) {
  const label = history.suite === '' ? history.name : `${history.suite} › ${history.name}`;
  return {
    title: `${label} · ${history.package}`,
    packageName: history.package,
    suite: formatValue(history.suite),
    name: formatValue(history.name),
    // The strip reads left to right, oldest to newest, like a timeline.
    strip: [...history.entries].reverse().map((entry) => ({
      url: `/results/${entry.resultKey}`,
      statusClass: STATUS_CLASSES[entry.status],
      label: `#${entry.resultKey} ${STATUS_LABELS[entry.status]} · ${entry.host} · ${formatAbsoluteTime(entry.time)}`,
    })),
    rows: history.entries.map((entry) => ({
      url: `/results/${entry.resultKey}`,
      resultKey: entry.resultKey,
      status: STATUS_LABELS[entry.status],
      statusClass: STATUS_CLASSES[entry.status],
      time: describeTimeView(entry.time, now),
      host: entry.host,
      arch: entry.arch,
      tags: getVisibleTags(entry.tagset),
      revision: formatValue(entry.revision ?? ''),
      duration: formatDuration(entry.duration ?? undefined),
      message: formatValue(entry.message ?? ''),
    })),
    olderUrl: history.nextBefore === null ? undefined : makeTestHistoryUrl(history.package, history.suite, history.name, history.nextBefore),
    newestUrl: makeTestHistoryUrl(history.package, history.suite, history.name),
  };
}

function toTestTableView(tests: ResultTests, step: TestStepReport, filter: TestStatus | undefined) {
  const stepNumber = step.stepIndex + 1;
  // Anchors count every case of the step, so a link to one holds whatever the filter shows.
  const cases = tests.testCases
    .filter((testCase) => testCase.stepIndex === step.stepIndex)
    .map((testCase, position) => ({ testCase, id: `step-${stepNumber}-test-${position + 1}` }));
  const shown = filter === undefined ? cases : cases.filter(({ testCase }) => testCase.status === filter);
  return {
    summary: describeCounts(step.counts),
    warnings: step.warnings.map(formatValue),
    mismatch: step.mismatch === null ? '' : formatValue(step.mismatch),
    filterLinks: [
      { label: `all ${step.counts.total}`, url: makeTestFilterUrl(tests.resultKey, undefined, stepNumber), active: filter === undefined },
      ...TEST_STATUSES.filter((status) => step.counts[status] > 0).map((status) => ({
        label: `${STATUS_LABELS[status]} ${step.counts[status]}`,
        url: makeTestFilterUrl(tests.resultKey, status, stepNumber),
        active: filter === status,
      })),
    ],
    filter: filter ?? '',
    hiddenCount: cases.length - shown.length,
    rows: shown.map(({ testCase, id }) => toTestRowView(tests.package, testCase, id)),
    // For the top of the page, whatever the filter shows.
    failing: cases.filter(({ testCase }) => FAILING_STATUSES.has(testCase.status)).map(({ testCase, id }) => ({
      id,
      label: formatValue(testCase.suite === '' ? testCase.name : `${testCase.suite} › ${testCase.name}`),
      message: formatValue(testCase.message ?? '').split('\n', 1)[0]!,
    })),
  };
}

function toTestRowView(packageName: string, testCase: ResultTestCase, id: string) {
  const change = testCase.change === null ? undefined : CHANGE_BADGES[testCase.change];
  const history = [...testCase.history].reverse().map((point) => ({
    resultKey: point.resultKey,
    statusClass: point.status === null ? 'absent' : STATUS_CLASSES[point.status],
    label: point.status === null ? 'not run' : STATUS_LABELS[point.status],
  }));
  return {
    id,
    name: formatValue(testCase.name),
    suite: formatValue(testCase.suite),
    file: formatValue(testCase.file ?? ''),
    status: STATUS_LABELS[testCase.status],
    statusClass: STATUS_CLASSES[testCase.status],
    duration: formatDuration(testCase.duration ?? undefined),
    message: formatValue(testCase.message ?? ''),
    details: formatValue(testCase.details ?? ''),
    output: formatValue(testCase.output ?? ''),
    badges: [...(change ? [change] : []), ...(testCase.flaky ? [{ label: 'flaky', badgeClass: 'flaky' }] : [])],
    historyUrl: makeTestHistoryUrl(packageName, testCase.suite, testCase.name),
    // Oldest to newest, ending with this result.
    history: history.map((point) => ({ statusClass: point.statusClass, title: `#${point.resultKey} ${point.label}` })),
    historyLabel: `recent results, oldest first: ${history.map((point) => point.label).join(', ')}`,
  };
}

function describeCounts(counts: TestCounts): string {
  const parts = TEST_STATUSES.filter((status) => counts[status] > 0).map((status) => `${counts[status]} ${status}`);
  return `${counts.total} test${counts.total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

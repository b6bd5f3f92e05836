// A result's tests. Its cases are read from its own bag (which keeps details and output);
// comparisons and history read the test_cases index, so they never parse other results' bags.
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { readTestCases } from '../store/read-test-cases.ts';
import type { TestCaseDetail, TestStatus } from '../store/test-case-types.ts';
import type { ResultRevisionRecord, Store, StoredResult, TestOutcomeRecord } from '../store/types.ts';
import { classifyChange, combineOutcomes, makeTestKey } from '../test-outcomes/compare-outcomes.ts';
import { countTestCases } from '../test-outcomes/count-test-cases.ts';
import { findFlakyTests } from '../test-outcomes/find-flaky-tests.ts';
import { orderFailuresFirst } from '../test-outcomes/order-test-cases.ts';
import type { TestIdentity } from '../test-outcomes/types.ts';
import { readTestSteps } from './read-test-steps.ts';
import type { ResultTestCase, ResultTests, ResultTestsOptions, TestComparison } from './test-types.ts';

const DEFAULT_HISTORY_LENGTH = 10;
const MAX_HISTORY_LENGTH = 100;

/** A result's test cases with their long texts, failing first; undefined for an unknown result. */
export async function listTestCases(store: Store, resultKey: number): Promise<TestCaseDetail[] | undefined> {
  const stored = await store.getResult(resultKey);
  return stored && orderFailuresFirst(readTestCases(stored.resultsList));
}

/** New failures, fixed and still-failing tests since the tagset's previous result. */
export async function compareTestsWithPrevious(store: Store, resultKey: number): Promise<TestComparison | undefined> {
  const stored = await store.getResult(resultKey);
  if (!stored) {
    return undefined;
  }
  const recent = await readRecentOutcomes(store, stored, 2);
  const current = recent.byResult.get(resultKey) ?? new Map<string, TestStatus>();
  const order = orderFailuresFirst(readTestCases(stored.resultsList));
  return compareWithPrevious(order, current, recent.recent, recent.byResult);
}

/** A result's cases with their changes, flakiness and recent history in the tagset. */
export async function getResultTests(store: Store, resultKey: number, options: ResultTestsOptions = {}): Promise<ResultTests | undefined> {
  checkHistoryLength(options);
  const stored = await store.getResult(resultKey);
  return stored && readResultTests(store, stored, options);
}

/** The same as getResultTests, for a result already read. */
export async function readResultTests(
  store: Store,
  stored: StoredResult,
  options: ResultTestsOptions = {},
): Promise<ResultTests> {
  const historyLength = checkHistoryLength(options);
  const resultKey = stored.key;
  const recent = await readRecentOutcomes(store, stored, historyLength);
  const { byResult } = recent;
  const cases = readTestCases(stored.resultsList);
  const ordered = orderFailuresFirst(cases);
  const current = byResult.get(resultKey) ?? new Map<string, TestStatus>();
  const comparison = compareWithPrevious(ordered, current, recent.recent, byResult);
  const window = recent.recent.slice(0, historyLength);
  const flakyKeys = findFlakyTests(withRevisions(recent.outcomes, window));
  const changes = new Map(comparison.previousResultKey === null ? [] : [
    ...comparison.newFailures.map((test) => [makeTestKey(test), 'new-failure'] as const),
    ...comparison.fixed.map((test) => [makeTestKey(test), 'fixed'] as const),
    ...comparison.stillFailing.map((test) => [makeTestKey(test), 'still-failing'] as const),
  ]);
  const testCases: ResultTestCase[] = ordered.map((testCase) => {
    const testKey = makeTestKey(testCase);
    return {
      ...testCase,
      change: changes.get(testKey) ?? null,
      flaky: flakyKeys.has(testKey),
      history: window.map((result) => ({
        resultKey: result.key,
        status: byResult.get(result.key)?.get(testKey) ?? null,
        revision: result.revision,
      })),
    };
  });
  return {
    resultKey,
    package: stored.package,
    counts: countTestCases(cases),
    steps: readTestSteps(stored.resultsList, cases),
    testCases,
    ...comparison,
    flaky: listDistinct(ordered.filter((testCase) => flakyKeys.has(makeTestKey(testCase)))),
  };
}

function checkHistoryLength({ historyLength = DEFAULT_HISTORY_LENGTH }: ResultTestsOptions): number {
  if (!Number.isInteger(historyLength) || historyLength < 1 || historyLength > MAX_HISTORY_LENGTH) {
    throw new InvalidFieldError('historyLength', `an integer from 1 to ${MAX_HISTORY_LENGTH}`, historyLength);
  }
  return historyLength;
}

// The tagset's results up to this one (newest first) and their combined outcomes per test.
async function readRecentOutcomes(store: Store, stored: StoredResult, historyLength: number) {
  // At least two, so that the previous result is known whatever the history length.
  const recent = await store.listRecentResults(stored.package, stored.tagsetKey, stored.key, Math.max(historyLength, 2));
  const outcomes = await store.listTestOutcomes(recent.map((result) => result.key));
  return { recent, outcomes, byResult: groupByResult(outcomes) };
}

function compareWithPrevious(
  ordered: readonly TestIdentity[],
  current: Map<string, TestStatus>,
  recent: readonly ResultRevisionRecord[],
  byResult: Map<number, Map<string, TestStatus>>,
): TestComparison {
  const previousResultKey = recent[1]?.key ?? null;
  const comparison: TestComparison = { previousResultKey, newFailures: [], fixed: [], stillFailing: [] };
  if (previousResultKey === null) {
    return comparison;
  }
  const previous = byResult.get(previousResultKey) ?? new Map<string, TestStatus>();
  for (const test of listDistinct(ordered)) {
    const testKey = makeTestKey(test);
    const now = current.get(testKey);
    const change = now === undefined ? null : classifyChange(now, previous.get(testKey));
    if (change === 'new-failure') {
      comparison.newFailures.push(test);
    } else if (change === 'fixed') {
      comparison.fixed.push(test);
    } else if (change === 'still-failing') {
      comparison.stillFailing.push(test);
    }
  }
  return comparison;
}

function groupByResult(outcomes: readonly TestOutcomeRecord[]): Map<number, Map<string, TestStatus>> {
  const grouped = new Map<number, TestOutcomeRecord[]>();
  for (const outcome of outcomes) {
    grouped.set(outcome.resultKey, [...(grouped.get(outcome.resultKey) ?? []), outcome]);
  }
  return new Map([...grouped].map(([resultKey, list]) => [resultKey, combineOutcomes(list)]));
}

function withRevisions(outcomes: readonly TestOutcomeRecord[], window: readonly ResultRevisionRecord[]) {
  const revisions = new Map(window.map((result) => [result.key, result.revision]));
  return outcomes
    .filter((outcome) => revisions.has(outcome.resultKey))
    .map((outcome) => ({ ...outcome, revision: revisions.get(outcome.resultKey) ?? null }));
}

// Each test once, as suite and name only, in the order first seen.
function listDistinct(tests: readonly TestIdentity[]): TestIdentity[] {
  const seen = new Map<string, TestIdentity>();
  for (const { suite, name } of tests) {
    const testKey = makeTestKey({ suite, name });
    if (!seen.has(testKey)) {
      seen.set(testKey, { suite, name });
    }
  }
  return [...seen.values()];
}

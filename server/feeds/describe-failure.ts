// What failed in a result, for a feed item: the first step that failed the build and the first
// failing tests. Reading a result's bags is the feeds' one costly read, and a finished result
// never changes, so the answers for recent results are kept.
import { readWireNumber } from '../../wire/read-wire-number.ts';
import type { WireStruct } from '../../wire/types.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { formatValue } from '../web/format.ts';
import { describeEnding } from '../web/step-view-model.ts';
import { describeStepStatus } from '../web/view-parts.ts';
import type { FailureDetail } from './feed-types.ts';

export type FailureReads = Pick<Coordinator, 'getResult' | 'listTestCases'>;

/** Failing tests named in one item; the rest are counted. */
export const FAILING_TESTS_LISTED = 10;
// Several feeds of 50 items share recent results; a few hundred answers are a few hundred KiB.
const REMEMBERED_RESULTS = 500;

export type FailureDescriber = (resultKey: number) => Promise<FailureDetail>;

export function createFailureDescriber(coordinator: FailureReads): FailureDescriber {
  const remembered = new Map<number, FailureDetail>();
  return async (resultKey) => {
    const known = remembered.get(resultKey);
    if (known) {
      return known;
    }
    const detail = await readFailureDetail(coordinator, resultKey);
    remembered.set(resultKey, detail);
    if (remembered.size > REMEMBERED_RESULTS) {
      remembered.delete(remembered.keys().next().value!);
    }
    return detail;
  };
}

async function readFailureDetail(coordinator: FailureReads, resultKey: number): Promise<FailureDetail> {
  const [triple, testCases] = await Promise.all([coordinator.getResult(resultKey), coordinator.listTestCases(resultKey)]);
  const failing = (testCases ?? []).filter((testCase) => testCase.status === 'failed' || testCase.status === 'error');
  return {
    firstFailingStep: findFirstFailingStep(triple?.[2] ?? []),
    failingTests: failing.slice(0, FAILING_TESTS_LISTED).map(({ suite, name, message }) => ({ suite, name, message })),
    failingTestCount: failing.length,
  };
}

function findFirstFailingStep(steps: readonly WireStruct[]): FailureDetail['firstFailingStep'] {
  for (const [index, step] of steps.entries()) {
    const status = readWireNumber(step.status);
    if (describeStepStatus(status, step.allowed_to_fail === true).statusClass === 'fail') {
      const number = index + 1;
      return { number, name: step.name === undefined ? `step ${number}` : formatValue(step.name), ending: describeEnding(step, status) };
    }
  }
  return null;
}

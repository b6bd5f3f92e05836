// A stored result as a notice: what changed against its tagset's previous known outcome, the
// first failing step and the failing tests, read once from the store.
import { getVisibleTags } from '../../wire/tagset.ts';
import type { WireStruct } from '../../wire/types.ts';
import { formatStepName } from '../queries/format-step-name.ts';
import { classifyChange, findPreviousKnownOutcome } from '../rules/classify-change.ts';
import { toOutcome, type ResultOutcome } from '../rules/summarize-outcomes.ts';
import { isFailing } from '../test-outcomes/compare-outcomes.ts';
import type { Store, StoredResult } from '../store/types.ts';
import type { NotificationEvent } from './delivery-types.ts';
import type { BuildBeganNotice, ResultFacts, ResultNotice } from './notice-types.ts';
import { makeSiteUrl } from './site-url.ts';

// Enough to recognise a pattern in a chat message; the result page has the rest.
export const FAILING_TESTS_SENT = 20;
// Earlier results read to find one with a known outcome; unknown outcomes are rare.
const PREVIOUS_RESULTS_READ = 50;

/** The notice of a finished result; undefined when the key is unknown or the build still runs. */
export async function describeResult(store: Store, resultKey: number, publicUrl: string | null): Promise<ResultNotice | undefined> {
  const result = await store.getResult(resultKey);
  if (!result || result.state === 'running') {
    return undefined;
  }
  const status = toOutcome(result.success);
  const change = classifyChange(status, await findPreviousOutcome(store, result));
  const failingTests = status === 'failed'
    ? (await store.listTestCases(resultKey)).filter((test) => isFailing(test.status)).map((test) => (test.suite === '' ? test.name : `${test.suite}.${test.name}`))
    : [];
  const events: NotificationEvent[] = ['result'];
  if (change === 'broke' || change === 'fixed' || change === 'still_failing') {
    events.push(change);
  }
  return {
    type: 'result',
    events,
    facts: { ...describeFacts(result, publicUrl), change, failing_tests: failingTests.slice(0, FAILING_TESTS_SENT), failing_test_count: failingTests.length },
    checkouts: readCheckouts(result.clientInfo),
  };
}

// Reading a summary walks its row's stored bags, so the result just before is read alone first:
// it is nearly always known, and only past an unknown one are more read.
async function findPreviousOutcome(store: Store, result: StoredResult): Promise<ResultOutcome | undefined> {
  for (const limit of [1, PREVIOUS_RESULTS_READ]) {
    const earlier = await store.listResultSummaries({ packageName: result.package, tagsetKey: result.tagsetKey, beforeKey: result.key, limit });
    const found = findPreviousKnownOutcome(earlier.map((summary) => toOutcome(summary.success)));
    if (found !== undefined || earlier.length < limit) {
      return found;
    }
  }
  return undefined;
}

/** The notice of a live build that began; undefined when the key is unknown. */
export async function describeBuildBegan(store: Store, resultKey: number, publicUrl: string | null): Promise<BuildBeganNotice | undefined> {
  const result = await store.getResult(resultKey);
  return result && { type: 'began', facts: describeFacts(result, publicUrl), checkouts: readCheckouts(result.clientInfo) };
}

function describeFacts(result: StoredResult, publicUrl: string | null): ResultFacts {
  const firstFailing = result.resultsList.findIndex((step) => isFailedStep(step));
  return {
    package: result.package,
    tagset: getVisibleTags(result.tagset),
    host: result.host,
    arch: result.arch,
    result_key: result.key,
    result_url: makeSiteUrl(publicUrl, `/results/${result.key}`),
    status: result.state === 'running' ? 'unknown' : toOutcome(result.success),
    change: 'unknown',
    revision: result.revision,
    repository: typeof result.clientInfo.repository === 'string' ? result.clientInfo.repository : null,
    first_failing_step: firstFailing === -1 ? null : { number: firstFailing + 1, name: formatStepName(result.resultsList[firstFailing]!, firstFailing) },
    failing_tests: [],
    failing_test_count: 0,
    time: new Date(result.receivedAt * 1000).toISOString(),
  };
}

// As the result page shows it: a status other than 0 that the step was not allowed.
function isFailedStep(step: WireStruct): boolean {
  return typeof step.status === 'number' && step.status !== 0 && step.allowed_to_fail !== true;
}

/** client_info's repository and revision, then each checkout's, as sent. */
function readCheckouts(clientInfo: WireStruct): Array<{ repository: string; revision: string }> {
  const checkouts = Array.isArray(clientInfo.checkouts) ? clientInfo.checkouts : [];
  return [clientInfo, ...checkouts].flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return [];
    }
    const { repository, revision } = entry as WireStruct;
    return typeof repository === 'string' && typeof revision === 'string' && revision.trim() !== ''
      ? [{ repository, revision: revision.trim() }]
      : [];
  });
}

// A result's page reads the result's row once: its tests are computed from that same row,
// and its tagset is the one stored with it, never recomputed from client_info.
import { getVisibleTags } from '../../wire/tagset.ts';
import type { StoredResult, Store } from '../store/types.ts';
import type { ResultDetail, ResultPage } from './page-types.ts';
import { readResultTests } from './result-tests.ts';
import type { ResultTestsOptions } from './test-types.ts';
import { listUploads } from './uploads.ts';

const NO_NEIGHBOURS = { previousKey: null, nextKey: null };

/** Everything a result's page shows; undefined for an unknown result. */
export async function getResultPage(store: Store, resultKey: number, options: ResultTestsOptions = {}): Promise<ResultPage | undefined> {
  const stored = await store.getResult(resultKey);
  if (!stored) {
    return undefined;
  }
  const [tests, neighbours, uploads, runningStep] = await Promise.all([
    readResultTests(store, stored, options),
    store.findNeighbourKeys(resultKey),
    listUploads(store, resultKey),
    stored.state === 'finished' ? undefined : store.getRunningStep(resultKey),
  ]);
  return {
    result: toResultDetail(stored),
    state: stored.state,
    // A build that finished between the two reads has no running step left: its steps are all there.
    runningStep: stored.state === 'finished' ? null : runningStep ?? { index: stored.resultsList.length, output: '', errout: '' },
    tests,
    // Neighbours are missing only when the result was removed while its page was being read.
    neighbours: neighbours ?? NO_NEIGHBOURS,
    uploads,
  };
}

function toResultDetail(stored: StoredResult): ResultDetail {
  return {
    resultKey: stored.key,
    time: stored.receivedAt,
    package: stored.package,
    host: stored.host,
    arch: stored.arch,
    success: stored.success,
    duration: stored.duration,
    tagset: stored.tagset,
    visibleTags: getVisibleTags(stored.tagset),
    clientIp: stored.clientIp,
    revision: stored.revision,
    clientInfo: stored.clientInfo,
    resultsList: stored.resultsList,
  };
}

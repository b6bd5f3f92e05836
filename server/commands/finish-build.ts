// finish_build: the final client_info, and usually the whole results_list, make a live build
// a finished result, counted in its tagset. Safe to repeat (docs/PROTOCOL.md, "Live builds").
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { readClientInfoBag, readResultsListBag, type StepLimits } from '../client-input/read-bags.ts';
import { UnknownUpdateTokenError, TagsetChangedError } from '../errors/live-build-errors.ts';
import type { Store } from '../store/types.ts';
import type { AddedResult } from './add-results.ts';
import { readBuildFacts } from './read-build-facts.ts';

/**
 * Finishes a running or abandoned build: `resultsList` (when given) replaces the steps added
 * live; its steps are held to `limits`. A build already finished answers its keys and is left as it was.
 */
export async function finishBuild(
  store: Store,
  updateToken: string,
  rawClientInfo: WireStruct,
  rawResultsList: WireValue | undefined,
  finishedAt: number,
  limits: StepLimits,
): Promise<AddedResult> {
  const clientInfo = readClientInfoBag(rawClientInfo);
  const resultsList = rawResultsList === undefined || rawResultsList === null ? null : readResultsListBag(rawResultsList, limits);
  const facts = readBuildFacts(clientInfo);
  const outcome = await store.finishBuild(updateToken, {
    finishedAt,
    tagsetKey: facts.tagsetKey,
    success: facts.success,
    duration: facts.duration,
    clientInfo,
    resultsList,
  });
  if (outcome.kind === 'unknown-token') {
    throw new UnknownUpdateTokenError();
  }
  if (outcome.kind === 'tagset-mismatch') {
    throw new TagsetChangedError(outcome.resultKey, outcome.tagset, facts.tagset);
  }
  return { resultKey: outcome.resultKey, authKey: outcome.authKey };
}

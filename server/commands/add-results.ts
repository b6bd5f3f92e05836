// add_results: the two bags are checked, decoded and stored with what the server derives
// from them (tagset, outcome, revision, test cases), in one transaction of the store. A
// submission id already stored answers that result instead (docs/PROTOCOL.md, "Submission ids").
import type { WireStruct } from '../../wire/types.ts';
import { readClientInfoBag, readResultsListBag, type StepLimits } from '../client-input/read-bags.ts';
import { TagsetChangedError } from '../errors/live-build-errors.ts';
import { readRevision } from '../store/read-revision.ts';
import { readTestCases } from '../store/read-test-cases.ts';
import type { Store } from '../store/types.ts';
import { createAuthKey } from './create-auth-key.ts';
import { readBuildFacts } from './read-build-facts.ts';

export interface AddedResult {
  resultKey: number;
  /** Authorises uploads to this result. */
  authKey: string;
}

export interface ResultOrigin {
  clientIp: string;
  /** Unix seconds, server time. */
  receivedAt: number;
}

/**
 * Stores a result; bytes that are valid UTF-8 become text. A result with a submission id
 * already stored is answered with that result's keys; when that one is a live build not yet
 * finished, these bags finish it. Steps are held to `limits`.
 */
export async function addResults(
  store: Store,
  rawClientInfo: WireStruct,
  rawResultsList: WireStruct[],
  origin: ResultOrigin,
  limits: StepLimits,
): Promise<AddedResult> {
  const clientInfo = readClientInfoBag(rawClientInfo);
  const resultsList = readResultsListBag(rawResultsList, limits);
  const facts = readBuildFacts(clientInfo);
  const outcome = await store.submitResult({
    receivedAt: origin.receivedAt,
    clientIp: origin.clientIp,
    package: facts.identity.package,
    host: facts.identity.host,
    arch: facts.identity.arch,
    tagset: facts.tagset,
    tagsetKey: facts.tagsetKey,
    success: facts.success,
    duration: facts.duration,
    authKey: createAuthKey(),
    revision: readRevision(clientInfo, resultsList),
    submissionId: facts.submissionId,
    clientInfo,
    resultsList,
    // Read leniently: a broken test report never costs the build its result.
    testCases: readTestCases(resultsList),
  });
  if (outcome.kind === 'tagset-mismatch') {
    throw new TagsetChangedError(outcome.resultKey, outcome.tagset, facts.tagset);
  }
  return { resultKey: outcome.resultKey, authKey: outcome.authKey };
}

// add_results: the two bags are checked, decoded and stored with what the server derives
// from them (tagset, outcome, revision, test cases), in one transaction of the store.
import { buildTagset, makeTagsetKey } from '../../wire/tagset.ts';
import type { WireStruct } from '../../wire/types.ts';
import { readClientInfoBag, readResultsListBag } from '../client-input/read-bags.ts';
import { readBuildIdentity, readDuration, readSuccess } from '../client-input/read-client-info.ts';
import { readRevision } from '../store/read-revision.ts';
import { readTestCases } from '../store/read-test-cases.ts';
import type { Store } from '../store/types.ts';
import { createAuthKey } from './create-auth-key.ts';

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

/** Stores a result; bytes that are valid UTF-8 become text. */
export async function addResults(
  store: Store,
  rawClientInfo: WireStruct,
  rawResultsList: WireStruct[],
  origin: ResultOrigin,
): Promise<AddedResult> {
  const clientInfo = readClientInfoBag(rawClientInfo);
  const resultsList = readResultsListBag(rawResultsList);
  const identity = readBuildIdentity(clientInfo);
  const tagset = buildTagset(identity);
  const authKey = createAuthKey();
  const resultKey = await store.addResult({
    receivedAt: origin.receivedAt,
    clientIp: origin.clientIp,
    package: identity.package,
    host: identity.host,
    arch: identity.arch,
    tagset,
    tagsetKey: makeTagsetKey(tagset),
    success: readSuccess(clientInfo),
    duration: readDuration(clientInfo),
    authKey,
    revision: readRevision(clientInfo, resultsList),
    clientInfo,
    resultsList,
    // Read leniently: a broken test report never costs the build its result.
    testCases: readTestCases(resultsList),
  });
  return { resultKey, authKey };
}

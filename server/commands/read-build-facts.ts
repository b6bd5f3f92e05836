// What the server reads out of a client_info before storing anything: the build's identity
// and tagset, its outcome, and its submission id. add_results, begin_build and finish_build
// read them alike.
import { buildTagset, makeTagsetKey, type BuildIdentity } from '../../wire/tagset.ts';
import type { WireStruct } from '../../wire/types.ts';
import { readBuildIdentity, readDuration, readSuccess } from '../client-input/read-client-info.ts';
import { readSubmissionId } from './read-submission-id.ts';

export interface BuildFacts {
  identity: BuildIdentity;
  /** Canonical: tags plus `__package=`, `__arch=`, `__host=`, sorted, without duplicates. */
  tagset: string[];
  tagsetKey: string;
  success: boolean | null;
  duration: number | null;
  submissionId: string | null;
}

/** Reads the facts of an already decoded client_info, refusing fields that cannot name a tagset. */
export function readBuildFacts(clientInfo: WireStruct): BuildFacts {
  const identity = readBuildIdentity(clientInfo);
  const tagset = buildTagset(identity);
  return {
    identity,
    tagset,
    tagsetKey: makeTagsetKey(tagset),
    success: readSuccess(clientInfo),
    duration: readDuration(clientInfo),
    submissionId: readSubmissionId(clientInfo),
  };
}

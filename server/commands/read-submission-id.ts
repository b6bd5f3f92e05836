// Every pony-build result carries client_info.submission_id, a UUID its client made when the
// build started; the server stores one result per id, so a resend is recognised.
import type { WireStruct } from '../../wire/types.ts';
import { readOptionalName } from './read-optional-name.ts';

// A UUID is 36 characters; the bound leaves room for other schemes and keeps the index small.
// The schema's migration (store/sqlite-schema.ts, version 3) reads old bags with the same bound.
export const MAX_SUBMISSION_ID_LENGTH = 200;

/** The submission id, or null when the client sent none (nil and '' count as none, as original clients send nothing). */
export function readSubmissionId(clientInfo: WireStruct): string | null {
  return readOptionalName(clientInfo, 'submission_id', MAX_SUBMISSION_ID_LENGTH) ?? null;
}

// begin_build: a live build exists from its first call, in state `running`, with no steps; its
// client then updates it with the token this answers (docs/PROTOCOL.md, "Live builds").
import type { WireStruct } from '../../wire/types.ts';
import { readClientInfoBag } from '../client-input/read-bags.ts';
import type { LiveBuildKeys } from '../store/live-types.ts';
import type { Store } from '../store/types.ts';
import type { ResultOrigin } from './add-results.ts';
import { createAuthKey, createUpdateToken } from './create-auth-key.ts';
import { readBuildFacts } from './read-build-facts.ts';

/** Stores a running build; a submission id already stored answers that result and its token. */
export async function beginBuild(store: Store, rawClientInfo: WireStruct, origin: ResultOrigin): Promise<LiveBuildKeys> {
  const clientInfo = readClientInfoBag(rawClientInfo);
  const facts = readBuildFacts(clientInfo);
  return store.beginBuild({
    startedAt: origin.receivedAt,
    clientIp: origin.clientIp,
    package: facts.identity.package,
    host: facts.identity.host,
    arch: facts.identity.arch,
    tagsetKey: facts.tagsetKey,
    success: facts.success,
    duration: facts.duration,
    authKey: createAuthKey(),
    updateToken: createUpdateToken(),
    submissionId: facts.submissionId,
    clientInfo,
  });
}

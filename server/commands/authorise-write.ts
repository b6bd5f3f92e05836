// Who may write, by the server's auth mode (docs/PROTOCOL.md, "Authentication"): first the
// credentials are checked (identifyWriter, before a body is read where the route can), then the
// write itself against the token's scope or the anonymous cap (authoriseWrite, once the body is
// read). A refusal stores nothing, not even the anonymous count.
import type { Credentials, Writer, WriteRequest, WriteTarget } from '../auth/types.ts';
import { readBuildIdentity } from '../client-input/read-client-info.ts';
import { readClientInfoBag } from '../client-input/read-bags.ts';
import type { AuthPolicy } from '../config/types.ts';
import { AnonymousCapError, MissingClientTokenError, TokenScopeError } from '../errors/auth-errors.ts';
import type { ClientTokenRecord, WriteOwner } from '../store/client-token-types.ts';
import type { Store } from '../store/types.ts';
import { checkClientToken } from './client-tokens.ts';

/** The writer these credentials make: an open server reads none; a wrong or revoked token is refused in the other modes. */
export async function identifyWriter(
  store: Store,
  policy: AuthPolicy,
  credentials: Credentials | undefined,
  origin: { clientIp: string },
): Promise<Writer> {
  if (policy.mode === 'open') {
    return { kind: 'anyone' };
  }
  if (credentials === undefined) {
    return { kind: 'anonymous', clientIp: origin.clientIp };
  }
  return { kind: 'token', token: await checkClientToken(store, credentials) };
}

/** Refuses the write unless the writer may make it; counts an anonymous body against its day's cap. */
export async function authoriseWrite(store: Store, policy: AuthPolicy, writer: Writer, request: WriteRequest, now: number): Promise<void> {
  if (writer.kind === 'anyone') {
    return;
  }
  if (writer.kind === 'token') {
    await checkScope(store, writer.token, request.target);
    await store.markClientTokenUsed(writer.token.name, now);
    return;
  }
  if (policy.mode !== 'capped') {
    throw new MissingClientTokenError();
  }
  const limit = policy.anonymousBytesPerDay;
  const charge = await store.chargeAnonymousBytes(writer.clientIp, formatUtcDay(now), request.bodyBytes, limit);
  if (!charge.charged) {
    throw new AnonymousCapError(writer.clientIp, limit, charge.usedBefore, request.bodyBytes);
  }
}

async function checkScope(store: Store, token: ClientTokenRecord, target: WriteTarget): Promise<void> {
  if (token.packages.length === 0 && token.hosts.length === 0) {
    return;
  }
  const owner = await findOwner(store, target);
  // An unknown update token or auth_key writes nothing; the call itself says so.
  if (owner === undefined) {
    return;
  }
  if (token.packages.length > 0 && !token.packages.includes(owner.package)) {
    throw new TokenScopeError(token.name, 'package', token.packages, owner.package);
  }
  if (token.hosts.length > 0 && !token.hosts.includes(owner.host)) {
    throw new TokenScopeError(token.name, 'host', token.hosts, owner.host);
  }
}

// A live build's later calls, and uploads, are held to what their result was begun with.
async function findOwner(store: Store, target: WriteTarget): Promise<WriteOwner | undefined> {
  switch (target.kind) {
    case 'client-info': {
      // A client_info that names no tagset is refused with the call's own message.
      const identity = readBuildIdentity(readClientInfoBag(target.clientInfo));
      return { package: identity.package, host: identity.host };
    }
    case 'live-build':
      return store.findLiveBuildOwner(target.updateToken);
    case 'result':
      return store.findResultOwner(target.authKey);
  }
}

function formatUtcDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

// Client tokens: adding, listing, revoking, and checking a secret (docs/PROTOCOL.md,
// "Authentication"). Only a SHA-256 hash of a secret is stored; a secret is shown once, when added.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Credentials } from '../auth/types.ts';
import {
  DuplicateTokenNameError,
  MalformedAuthorizationError,
  RevokedClientTokenError,
  UnknownTokenNameError,
  WrongClientTokenError,
} from '../errors/auth-errors.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import type { ClientTokenRecord, ClientTokenScope, StoredClientToken } from '../store/client-token-types.ts';
import type { Store } from '../store/types.ts';
import { createClientTokenSecret } from './create-auth-key.ts';

/** A token just added, with the secret that is never shown again. */
export interface NewClientToken {
  token: ClientTokenRecord;
  secret: string;
}

export interface RevokedClientToken {
  token: ClientTokenRecord;
  /** True when it was revoked before this call, which changed nothing. */
  alreadyRevoked: boolean;
}

// The name is the user name of a URL's user info (http://NAME:TOKEN@host/): nothing to encode, no colon.
const TOKEN_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export async function addClientToken(store: Store, name: string, scope: Partial<ClientTokenScope>, now: number): Promise<NewClientToken> {
  if (!TOKEN_NAME.test(name)) {
    throw new InvalidFieldError('a client token name', '1 to 64 letters, digits, `.`, `_` or `-`', name);
  }
  const packages = readScopeList(scope.packages, 'package');
  const hosts = readScopeList(scope.hosts, 'host');
  const secret = createClientTokenSecret();
  const added = await store.addClientToken({ name, secretHash: hashSecret(secret), packages, hosts, createdAt: now });
  if (!added) {
    throw new DuplicateTokenNameError(name);
  }
  return { token: { name, packages, hosts, createdAt: now, lastUsedAt: null, revokedAt: null }, secret };
}

export async function revokeClientToken(store: Store, name: string, now: number): Promise<RevokedClientToken> {
  const before = await store.findClientToken(name);
  if (!before) {
    throw new UnknownTokenNameError(name);
  }
  await store.revokeClientToken(name, now);
  const { secretHash: _secretHash, ...token } = before;
  return before.revokedAt === null
    ? { token: { ...token, revokedAt: now }, alreadyRevoked: false }
    : { token, alreadyRevoked: true };
}

/**
 * The valid token the credentials name. A Basic user name finds the token, whose hash is compared
 * in constant time; a bearer secret is found by its hash, which tells a timing attacker nothing
 * since SHA-256 hides which secret has which hash.
 */
export async function checkClientToken(store: Store, credentials: Credentials): Promise<ClientTokenRecord> {
  if (credentials.scheme === 'malformed') {
    throw new MalformedAuthorizationError(credentials.problem);
  }
  const secretHash = hashSecret(credentials.secret);
  const stored = credentials.scheme === 'basic'
    ? await store.findClientToken(credentials.name)
    : await store.findClientTokenBySecretHash(secretHash);
  if (!stored || !isSameHash(stored.secretHash, secretHash)) {
    throw new WrongClientTokenError(credentials.scheme === 'basic' ? credentials.name : undefined);
  }
  if (stored.revokedAt !== null) {
    throw new RevokedClientTokenError(stored.name, stored.revokedAt);
  }
  return withoutHash(stored);
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function isSameHash(stored: string, given: string): boolean {
  const storedBytes = Buffer.from(stored, 'hex');
  const givenBytes = Buffer.from(given, 'hex');
  return storedBytes.length === givenBytes.length && timingSafeEqual(storedBytes, givenBytes);
}

function withoutHash({ secretHash: _secretHash, ...token }: StoredClientToken): ClientTokenRecord {
  return token;
}

function readScopeList(values: readonly string[] | undefined, what: 'package' | 'host'): string[] {
  const list = [...new Set(values ?? [])];
  list.forEach((value) => {
    if (value === '') {
      throw new InvalidFieldError(`a token's ${what}`, 'a non-empty name', value);
    }
  });
  return list;
}

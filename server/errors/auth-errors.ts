// The refusals of client tokens and the anonymous cap (docs/PROTOCOL.md, "Authentication").
// No message ever holds a secret, even a wrong one: it may be a typo of a real one.
import { formatBytes } from '../http/format-bytes.ts';
import { DomainError } from './domain-error.ts';

// RFC 9110: a 401 names the scheme to use; browsers then ask for a name and a token.
const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="pony-build", charset="UTF-8"' };
const HOW_TO_SEND = 'send it as HTTP Basic auth (http://NAME:TOKEN@host/) or as Authorization: Bearer TOKEN';

/** A write came without a client token to a server that takes writes only with one. */
export class MissingClientTokenError extends DomainError {
  override name = 'MissingClientTokenError';

  constructor() {
    super('unauthenticated', `this server takes writes only from clients with a client token; ${HOW_TO_SEND}`, { headers: CHALLENGE });
  }
}

/** The Authorization header is neither Basic nor Bearer, or cannot be read. */
export class MalformedAuthorizationError extends DomainError {
  override name = 'MalformedAuthorizationError';

  constructor(problem: string) {
    super('unauthenticated', `the Authorization header cannot be read: ${problem}; ${HOW_TO_SEND}`, { headers: CHALLENGE });
  }
}

/** No client token has this name and secret (or, for a bearer token, this secret). */
export class WrongClientTokenError extends DomainError {
  override name = 'WrongClientTokenError';
  readonly tokenName: string | undefined;

  constructor(tokenName: string | undefined) {
    // Whether the name exists is not said, so that names cannot be guessed one by one.
    super('unauthenticated', tokenName === undefined
      ? 'the bearer token is not valid: no client token has that secret'
      : `the client token given for ${JSON.stringify(tokenName)} is not valid: no client token has that name and secret`,
    { headers: CHALLENGE });
    this.tokenName = tokenName;
  }
}

/** The client token was revoked; only its holder learns so, since the secret was right. */
export class RevokedClientTokenError extends DomainError {
  override name = 'RevokedClientTokenError';
  readonly tokenName: string;

  constructor(tokenName: string, revokedAt: number) {
    super('unauthenticated', `the client token ${JSON.stringify(tokenName)} was revoked at ${formatUtcTime(revokedAt)}; `
      + 'ask the server\'s admin for a new one', { headers: CHALLENGE });
    this.tokenName = tokenName;
  }
}

/** The client token may write other packages or hosts than the one this write names. */
export class TokenScopeError extends DomainError {
  override name = 'TokenScopeError';
  readonly tokenName: string;
  readonly field: 'package' | 'host';
  readonly allowed: string[];
  readonly actual: string;

  constructor(tokenName: string, field: 'package' | 'host', allowed: string[], actual: string) {
    const listed = allowed.map((value) => JSON.stringify(value)).join(', ');
    const what = field === 'package' ? 'packages' : 'results from hosts';
    super('forbidden', `the client token ${JSON.stringify(tokenName)} may write ${what} ${listed} only, not ${JSON.stringify(actual)}`);
    this.tokenName = tokenName;
    this.field = field;
    this.allowed = allowed;
    this.actual = actual;
  }
}

/** An anonymous address sent its day's share of request bodies (auth.anonymous_bytes_per_day). */
export class AnonymousCapError extends DomainError {
  override name = 'AnonymousCapError';
  readonly clientIp: string;
  readonly limit: number;

  constructor(clientIp: string, limit: number, usedToday: number, bodyBytes: number) {
    super('forbidden', `anonymous clients may write ${formatBytes(limit)} of request bodies a day to this server `
      + `(auth.anonymous_bytes_per_day is ${limit}); ${clientIp} sent ${formatBytes(usedToday)} today (UTC) `
      + `and this request has ${formatBytes(bodyBytes)}; write with a client token, or again tomorrow`);
    this.clientIp = clientIp;
    this.limit = limit;
  }
}

/** `tokens add` of a name some token (valid or revoked) already has. */
export class DuplicateTokenNameError extends DomainError {
  override name = 'DuplicateTokenNameError';

  constructor(readonly tokenName: string) {
    super('invalid', `a client token named ${JSON.stringify(tokenName)} exists already (names are never reused, `
      + 'even once revoked); choose another name', { status: 409 });
  }
}

/** `tokens revoke` of a name no token has. */
export class UnknownTokenNameError extends DomainError {
  override name = 'UnknownTokenNameError';

  constructor(readonly tokenName: string) {
    super('not-found', `no client token is named ${JSON.stringify(tokenName)}; \`pony-build tokens list\` shows them`);
  }
}

export function formatUtcTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}

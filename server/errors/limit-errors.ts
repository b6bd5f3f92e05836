// The errors of the server's configured limits (docs/PROTOCOL.md, "Bounds"). Each names the
// configuration key and its value, so a client's owner knows what to ask the server's owner for.
import { DomainError } from './domain-error.ts';

/** What the client sent is larger than a configured limit allows; nothing of it was stored. */
export class LimitExceededError extends DomainError {
  override name = 'LimitExceededError';
  /** The configuration key, e.g. `limits.test_cases_per_result`. */
  readonly limit: string;
  /** The limit's configured value. */
  readonly limitValue: number;
  /** How much the client sent, in the limit's unit. */
  readonly actual: number;

  constructor(what: string, actual: number, limit: string, limitValue: number, unit: string) {
    super('invalid', `${what} holds ${actual} ${unit}; this server takes at most ${limitValue} ${unit} per result `
      + `(${limit} is ${limitValue}); nothing was stored`);
    this.limit = limit;
    this.limitValue = limitValue;
    this.actual = actual;
  }
}

/** One client address made more requests than `limits.requests_per_minute` allows. */
export class TooManyRequestsError extends DomainError {
  override name = 'TooManyRequestsError';
  readonly clientAddress: string;
  readonly requestsPerMinute: number;
  /** Whole seconds until the address may make its next request. */
  readonly retryAfterSeconds: number;

  constructor(clientAddress: string, requestsPerMinute: number, retryAfterSeconds: number) {
    super('request', `too many requests from ${clientAddress}: this server takes at most ${requestsPerMinute} requests `
      + `a minute from one address (limits.requests_per_minute is ${requestsPerMinute}); retry after ${retryAfterSeconds} s`,
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } });
    this.clientAddress = clientAddress;
    this.requestsPerMinute = requestsPerMinute;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

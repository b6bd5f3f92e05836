// Refuses a client address that makes more than `requestsPerMinute` requests, with HTTP 429
// and Retry-After on every path, XML-RPC included: a client backs off at the HTTP level
// (docs/PROTOCOL.md, "Bounds"). The address is the one the rest of the server uses.
import type { Middleware } from 'koa';
import { TooManyRequestsError } from '../errors/limit-errors.ts';
import { groupClientAddress } from './address-group.ts';
import { getClientIp } from './client-ip.ts';
import { RequestBudgets } from './request-budgets.ts';

export interface LimitRequestsOptions {
  /** Requests one address may make per minute; 0 serves every request. */
  requestsPerMinute: number;
  /** The clock, in Unix seconds. */
  now: () => number;
}

// A load balancer's health checks must see the server as it is, not as its budget for them.
const UNLIMITED_PATHS = new Set(['/healthz']);

export function limitRequests({ requestsPerMinute, now }: LimitRequestsOptions): Middleware {
  if (requestsPerMinute === 0) {
    return (_ctx, next) => next();
  }
  const budgets = new RequestBudgets(requestsPerMinute);
  return (ctx, next) => {
    if (UNLIMITED_PATHS.has(ctx.path)) {
      return next();
    }
    const client = groupClientAddress(getClientIp(ctx));
    const retryAfterSeconds = budgets.spend(client, now());
    if (retryAfterSeconds > 0) {
      throw new TooManyRequestsError(client, requestsPerMinute, retryAfterSeconds);
    }
    return next();
  };
}

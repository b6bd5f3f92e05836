// Refuses a client address that makes more than `requestsPerMinute` requests, with HTTP 429
// and Retry-After on every path, XML-RPC included: a client backs off at the HTTP level
// (docs/PROTOCOL.md, "Bounds"). The address is the one the rest of the server uses. One process
// serving its store alone counts in memory (a token bucket); instances sharing a store count
// there together (a fixed window per minute), so the limit holds across all of them.
import type { Middleware } from 'koa';
import { TooManyRequestsError } from '../errors/limit-errors.ts';
import type { SharedRequestCounts } from '../store/request-count-types.ts';
import { groupClientAddress } from './address-group.ts';
import { getClientIp } from './client-ip.ts';
import { RequestBudgets } from './request-budgets.ts';
import { SharedRequestWindow } from './shared-request-window.ts';

export interface LimitRequestsOptions {
  /** Requests one address may make per minute; 0 serves every request. */
  requestsPerMinute: number;
  /** The clock, in Unix seconds. */
  now: () => number;
  /** The counts every instance sharing the store adds to; null (the default) counts in this process. */
  sharedCounts?: SharedRequestCounts | null;
}

// A load balancer's health checks must see the server as it is, not as its budget for them.
const UNLIMITED_PATHS = new Set(['/healthz']);

export function limitRequests({ requestsPerMinute, now, sharedCounts = null }: LimitRequestsOptions): Middleware {
  if (requestsPerMinute === 0) {
    return (_ctx, next) => next();
  }
  const budgets = sharedCounts === null
    ? new RequestBudgets(requestsPerMinute)
    : new SharedRequestWindow(sharedCounts, requestsPerMinute);
  return async (ctx, next) => {
    if (UNLIMITED_PATHS.has(ctx.path)) {
      return next();
    }
    const client = groupClientAddress(getClientIp(ctx));
    const retryAfterSeconds = await budgets.spend(client, now());
    if (retryAfterSeconds > 0) {
      throw new TooManyRequestsError(client, requestsPerMinute, retryAfterSeconds);
    }
    return next();
  };
}

// One line per request, as access logs read: when it arrived, method, path, status,
// milliseconds, client address. Secrets never reach the log: no query string (an upload's
// carries its auth_key), no header, and no live build's update token (it travels in the path).
import type { Middleware } from 'koa';
import { getClientIp } from './client-ip.ts';

export function logRequests(log: (line: string) => void): Middleware {
  return async (ctx, next) => {
    const arrived = new Date();
    const started = performance.now();
    // As the client sent it: the base path, if any, is taken off before the routes see it.
    const path = ctx.path;
    // On close, not when next() returns: an event stream is logged once it ends.
    ctx.res.once('close', () => {
      const milliseconds = Math.round(performance.now() - started);
      log(`${arrived.toISOString()} ${ctx.method} ${hideTokens(path)} ${ctx.res.statusCode} ${milliseconds}ms ${getClientIp(ctx)}`);
    });
    await next();
  };
}

// /api/v1/builds/<update token>/steps (docs/PROTOCOL.md, "Live builds"), matched as the router
// does (any case), after any base path, and also when no route answered: a misspelt path may
// still carry a real token.
const LIVE_BUILD_TOKEN = /(\/api\/v1\/builds\/)[^/]+/i;

function hideTokens(path: string): string {
  return path.replace(LIVE_BUILD_TOKEN, '$1:token');
}

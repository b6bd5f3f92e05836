// Pages carry untrusted text (logs, tags, names). Escaping keeps it inert; these headers are
// the second line: even injected markup could not run a script, load anything, or be framed.
import type { Middleware } from 'koa';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function setSecurityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'same-origin',
    });
    await next();
  };
}

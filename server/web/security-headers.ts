// Pages carry untrusted text (logs, tags, names). Escaping keeps it inert; these headers are
// the second line: even injected markup could not run a script, load anything, or be framed.
import type { Middleware } from 'koa';

// Scripts only from this server's own files (never inline), and connections only back to it:
// the one script follows a running build's event stream.
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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

// Minimal CSRF protection for the site's forms: a form post must be a plain form body from a
// page of this same site. Browsers send Origin (or at least Referer) on cross-site posts, and
// a cross-site page cannot send another content type without a preflight.
import type { Context } from 'koa';
import { HttpError } from '../http/http-error.ts';

export function checkSameOriginForm(ctx: Context): void {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    const given = ctx.get('Content-Type') || 'none';
    throw new HttpError(415, `This form must be sent as application/x-www-form-urlencoded, got ${given}.`);
  }
  const source = ctx.get('Origin') || ctx.get('Referer');
  if (source === '' || source === 'null') {
    throw new HttpError(403, 'This form must be sent from a page of this site (the request has no Origin or Referer).');
  }
  const given = readOrigin(source, ctx.app.proxy);
  if (given === undefined || given !== readOrigin(`${ctx.protocol}://${ctx.host}`, ctx.app.proxy)) {
    throw new HttpError(403, 'This form must be sent from a page of this site, not from another one.');
  }
}

// Scheme and host as the browser saw them. Only a trusted proxy says which scheme that was; without
// one the host alone is compared, since behind a TLS proxy the server itself sees plain http.
function readOrigin(url: string, schemeKnown: boolean): string | undefined {
  try {
    const { protocol, host } = new URL(url);
    return schemeKnown ? `${protocol}//${host}` : host;
  } catch {
    return undefined;
  }
}

// The site's own cookies: the admin session and, for visitors without one, the form token.
// HttpOnly (no script reads them), SameSite=Strict (no other site's page sends them), scoped to
// the base path, and Secure whenever the browser came over HTTPS as Koa sees it (behind a
// proxy, X-Forwarded-Proto counts only with --trust-proxy).
import type { Context } from 'koa';

export const SESSION_COOKIE = 'pony_build_session';
export const FORM_TOKEN_COOKIE = 'pony_build_csrf';

/** Sets the cookie; without `maxAgeSeconds` it lasts until the browser closes. */
export function setSiteCookie(ctx: Context, name: string, value: string, maxAgeSeconds?: number): void {
  ctx.cookies.set(name, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: ctx.state.basePath || '/',
    secure: ctx.secure,
    overwrite: true,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds * 1000 }),
  });
}

export function clearSiteCookie(ctx: Context, name: string): void {
  ctx.cookies.set(name, null, { httpOnly: true, sameSite: 'strict', path: ctx.state.basePath || '/', secure: ctx.secure, overwrite: true });
}

// Feeds carry absolute links. The configured public URL wins (it is what subscribers and the
// WebSub hub know); otherwise the request's own scheme and host (X-Forwarded-* only with
// --trust-proxy) and the base path.
import type Koa from 'koa';

/** Without a trailing slash: `https://ci.example.org/ci`. */
export function resolveSiteUrl(ctx: Koa.Context, publicUrl: string | undefined): string {
  if (publicUrl !== undefined) {
    return publicUrl.replace(/\/+$/, '');
  }
  return `${ctx.protocol}://${ctx.host}${(ctx.state.basePath as string | undefined) ?? ''}`;
}

import type { Context } from 'koa';

/**
 * The client's address: the peer's, or behind a trusted proxy (`trustProxy`) the left-most of
 * X-Forwarded-For, as Koa's `ctx.ip` reads it; IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is written as plain IPv4.
 */
export function getClientIp(ctx: Context): string {
  const address = ctx.ip;
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

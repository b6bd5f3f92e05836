import type { Context } from 'koa';

/** The peer's address, with IPv4-mapped IPv6 (`::ffff:127.0.0.1`) written as plain IPv4. */
export function getClientIp(ctx: Context): string {
  const address = ctx.req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

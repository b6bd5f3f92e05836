// The transports' side of "who may write" (docs/PROTOCOL.md, "Authentication"): read the
// credentials and the address from the request, and let the coordinator decide.
import type { Context } from 'koa';
import type { Coordinator } from '../coordinator/types.ts';
import { getClientIp } from '../http/client-ip.ts';
import { readCredentials } from './read-credentials.ts';
import type { Writer, WriteRequest } from './types.ts';

/** Who sends the request; a wrong or revoked token is refused here, before a body need be read. */
export function identifyWriter(ctx: Context, coordinator: Coordinator): Promise<Writer> {
  return coordinator.identifyWriter(readCredentials(ctx), { clientIp: getClientIp(ctx) });
}

/** Refuses the write unless its writer (identified now, unless given) may make it. */
export async function guardWrite(ctx: Context, coordinator: Coordinator, request: WriteRequest, writer?: Writer): Promise<void> {
  await coordinator.authoriseWrite(writer ?? (await identifyWriter(ctx, coordinator)), request);
}

// A JSON POST that may write (docs/PROTOCOL.md, "Which calls are writes"): its credentials are
// checked before the body is read, the write itself once the body says what it changes.
import type { Context } from 'koa';
import type { WireStruct } from '../../wire/types.ts';
import { guardWrite, identifyWriter } from '../auth/guard-write.ts';
import type { WriteTarget } from '../auth/types.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { readSizedJsonObjectBody } from './read-json-body.ts';

export interface JsonWriteOptions {
  coordinator: Coordinator;
  maxBodyBytes: number;
}

/** The JSON object body of a request allowed to make the write `targetOf` finds in it (undefined: a read). */
export async function readJsonWriteBody(
  ctx: Context,
  { coordinator, maxBodyBytes }: JsonWriteOptions,
  targetOf: (body: WireStruct) => WriteTarget | undefined,
): Promise<WireStruct> {
  const writer = await identifyWriter(ctx, coordinator);
  const { body, bodyBytes } = await readSizedJsonObjectBody(ctx, maxBodyBytes);
  const target = targetOf(body);
  if (target !== undefined) {
    await guardWrite(ctx, coordinator, { target, bodyBytes }, writer);
  }
  return body;
}

/** The write of a body naming its build by client_info. */
export const writesClientInfo = (body: WireStruct): WriteTarget => ({ kind: 'client-info', clientInfo: body.client_info });

/** The write of a call on the live build whose update token is in the path. */
export const writesLiveBuild = (ctx: Context) => (): WriteTarget => ({ kind: 'live-build', updateToken: ctx.params.token! });

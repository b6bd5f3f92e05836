// JSON bodies use the same tagged encoding as storage, so bytes, dates and 64-bit integers
// travel over JSON exactly as over XML-RPC (see store/tagged-json.ts).
import type { Context } from 'koa';
import type { WireValue } from '../../wire/types.ts';
import { HttpError } from '../http/http-error.ts';
import { readRequestBody } from '../http/read-body.ts';
import { decodeTaggedValue, TaggedJsonError } from '../store/tagged-json.ts';

/** Reads and decodes a JSON request body; 415 for another content type, 400 for bad JSON. */
export async function readJsonBody(ctx: Context, maxBytes: number): Promise<WireValue> {
  if (!ctx.is('application/json')) {
    const given = ctx.get('Content-Type') || 'none';
    throw new HttpError(415, `expected Content-Type application/json, got ${given}`);
  }
  const text = (await readRequestBody(ctx, maxBytes)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return decodeTaggedValue(parsed, 'body');
  } catch (error) {
    if (error instanceof TaggedJsonError) {
      throw new HttpError(400, error.message);
    }
    throw error;
  }
}

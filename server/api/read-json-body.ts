// JSON bodies use the same tagged encoding as storage, so bytes, dates and 64-bit integers
// travel over JSON exactly as over XML-RPC (see store/tagged-json.ts).
import type { Context } from 'koa';
import { describeWireValue, isWireStruct } from '../../wire/describe-value.ts';
import { readWireNumber } from '../../wire/read-wire-number.ts';
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { decodeUtf8Text } from '../client-input/decode-utf8-text.ts';
import { readFlag } from '../client-input/field-types.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { HttpError } from '../http/http-error.ts';
import { readRequestBody } from '../http/read-body.ts';
import { decodeTaggedValue, TaggedJsonError } from '../store/tagged-json.ts';

/**
 * Reads and decodes a JSON object body, with its size in bytes (which an anonymous writer's cap
 * counts); 415 for another content type, 400 for bytes that are not UTF-8, bad JSON or another value.
 */
export async function readSizedJsonObjectBody(ctx: Context, maxBytes: number): Promise<{ body: WireStruct; bodyBytes: number }> {
  if (!ctx.is('application/json')) {
    const given = ctx.get('Content-Type') || 'none';
    throw new HttpError(415, `expected Content-Type application/json, got ${given}`);
  }
  const bytes = await readRequestBody(ctx, maxBytes);
  return { body: decodeJsonObject(bytes), bodyBytes: bytes.length };
}

function decodeJsonObject(bytes: Buffer): WireStruct {
  const text = readUtf8Body(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
  }
  const body = decodeBody(parsed);
  if (!isWireStruct(body)) {
    throw new HttpError(400, `the request body must be a JSON object, got ${describeWireValue(body)}`);
  }
  return body;
}

/** A member the body may leave out (or send as null); when given it is read as XML-RPC reads that type of argument. */
export function readOptionalBodyField(body: WireStruct, field: string, type: 'boolean'): boolean | undefined;
export function readOptionalBodyField(body: WireStruct, field: string, type: 'number'): number | undefined;
export function readOptionalBodyField(body: WireStruct, field: string, type: 'boolean' | 'number'): WireValue | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  // A whole double ({"$double": 2}) is a number too; a flag may be an int, as very old clients send.
  const read = type === 'number' ? readWireNumber(value) : readFlag(value);
  if (read === undefined) {
    throw new InvalidFieldError(field, `a ${type}`, value);
  }
  return read;
}

function readUtf8Body(bytes: Buffer): string {
  const decoded = decodeUtf8Text(bytes);
  if ('text' in decoded) {
    return decoded.text;
  }
  const where = decoded.cutShort ? 'it ends inside the character that starts at' : 'at';
  throw new HttpError(400, `the request body is not valid UTF-8 (${where} byte ${decoded.invalidAt})`);
}

function decodeBody(parsed: unknown): WireValue {
  try {
    return decodeTaggedValue(parsed, 'body');
  } catch (error) {
    throw error instanceof TaggedJsonError ? new HttpError(400, error.message) : error;
  }
}

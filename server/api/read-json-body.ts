// JSON bodies use the same tagged encoding as storage, so bytes, dates and 64-bit integers
// travel over JSON exactly as over XML-RPC (see store/tagged-json.ts).
import type { Context } from 'koa';
import { describeWireValue, isWireStruct } from '../../wire/describe-value.ts';
import { readWireNumber } from '../../wire/read-wire-number.ts';
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { HttpError } from '../http/http-error.ts';
import { readRequestBody } from '../http/read-body.ts';
import { decodeTaggedValue, TaggedJsonError } from '../store/tagged-json.ts';

/** Reads and decodes a JSON object body; 415 for another content type, 400 for bad JSON or another value. */
export async function readJsonObjectBody(ctx: Context, maxBytes: number): Promise<WireStruct> {
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
  const body = decodeBody(parsed);
  if (!isWireStruct(body)) {
    throw new HttpError(400, `the request body must be a JSON object, got ${describeWireValue(body)}`);
  }
  return body;
}

/** A member the body may leave out (or send as null); when given it must have this type. */
export function readOptionalBodyField(body: WireStruct, field: string, type: 'boolean'): boolean | undefined;
export function readOptionalBodyField(body: WireStruct, field: string, type: 'number'): number | undefined;
export function readOptionalBodyField(body: WireStruct, field: string, type: 'boolean' | 'number'): WireValue | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  // A whole double ({"$double": 2}) is a number too.
  const read = type === 'number' ? readWireNumber(value) : value;
  if (typeof read !== type) {
    throw new InvalidFieldError(field, `a ${type}`, value);
  }
  return read;
}

function decodeBody(parsed: unknown): WireValue {
  try {
    return decodeTaggedValue(parsed, 'body');
  } catch (error) {
    throw error instanceof TaggedJsonError ? new HttpError(400, error.message) : error;
  }
}

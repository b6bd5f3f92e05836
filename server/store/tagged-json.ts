// Wire values include bytes, dates, 64-bit integers and whole doubles, which JSON cannot hold.
// Stored bags (and the JSON API) carry them as one-member objects whose key names the type:
//
//   {"$bytes": "<base64>"}       a Buffer: bytes that were not valid UTF-8
//   {"$date": "<ISO 8601, UTC>"} a Date (dateTime.iso8601)
//   {"$bigint": "<decimal>"}     a bigint (an i8 beyond the safe integer range); at most 64 bits,
//                                as XML-RPC's <i8>, so a huge digit string never reaches BigInt
//   {"$double": <number>}        a WholeDouble: a double whose value is whole (Python's 2.0), so
//                                it is not read back as an int; JSON answers write it as a plain
//                                number instead (encodeAnswerValue), since JSON has no int/double
//   {"$number": "NaN" | "Infinity" | "-Infinity" | "-0"}   a double JSON has no text for
//   {"$struct": {...}}           a struct that itself has exactly one key starting with `$`,
//                                so that it is never mistaken for one of the tags above
//
// Everything else is plain JSON. Decoding gives back exactly the value that was encoded.
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { toWireDouble, WholeDouble } from '../../wire/whole-double.ts';

// Above the XML-RPC parser's own nesting limit, so anything it accepts can be stored.
export const MAX_TAGGED_JSON_DEPTH = 100;

// The range of XML-RPC's <i8>; 21 characters hold its longest decimal, sign included.
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const MAX_BIGINT_CHARACTERS = 21;
// Content quoted in an error message is cut, so a huge value never makes a huge answer.
const MAX_QUOTED_CHARACTERS = 60;

/** The text is not tagged JSON, or holds a tag we do not know, or nests too deeply. */
export class TaggedJsonError extends Error {
  override name = 'TaggedJsonError';
  /** Where in the value the problem is, e.g. `results_list[2].output`. */
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.path = path;
  }
}

/** Turns a wire value into a JSON-compatible value using the tags above, losing nothing. */
export function encodeTaggedValue(value: WireValue | undefined): unknown {
  return encodeValue(value, 0, (double) => ({ $double: double.value }));
}

/** The same for JSON answers and pages: a whole double is a plain number there. */
export function encodeAnswerValue(value: WireValue | undefined): unknown {
  return encodeValue(value, 0, (double) => double.value);
}

function encodeValue(value: WireValue | undefined, depth: number, encodeWholeDouble: (double: WholeDouble) => unknown): unknown {
  if (depth > MAX_TAGGED_JSON_DEPTH) {
    throw new TaggedJsonError('value', `nested deeper than ${MAX_TAGGED_JSON_DEPTH} levels`);
  }
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') {
    return value ?? null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: String(Object.is(value, -0) ? '-0' : value) };
  }
  if (typeof value === 'bigint') {
    return { $bigint: value.toString() };
  }
  if (value instanceof WholeDouble) {
    return encodeWholeDouble(value);
  }
  if (Buffer.isBuffer(value)) {
    return { $bytes: value.toString('base64') };
  }
  if (value instanceof Date) {
    return { $date: value.toISOString() };
  }
  if (Array.isArray(value)) {
    return value.map((item) => encodeValue(item, depth + 1, encodeWholeDouble));
  }
  const encoded: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (value[key] !== undefined) {
      defineMember(encoded, key, encodeValue(value[key], depth + 1, encodeWholeDouble));
    }
  }
  return looksLikeTag(encoded) ? { $struct: encoded } : encoded;
}

/** Turns parsed tagged JSON back into a wire value; `path` names the value in errors. */
export function decodeTaggedValue(json: unknown, path = 'value', depth = 0): WireValue {
  if (depth > MAX_TAGGED_JSON_DEPTH) {
    throw new TaggedJsonError(path, `nested deeper than ${MAX_TAGGED_JSON_DEPTH} levels`);
  }
  if (json === null || typeof json === 'string' || typeof json === 'boolean' || typeof json === 'number') {
    return json;
  }
  if (Array.isArray(json)) {
    return json.map((item, index) => decodeTaggedValue(item, `${path}[${index}]`, depth + 1));
  }
  if (typeof json !== 'object') {
    throw new TaggedJsonError(path, `cannot hold a ${typeof json}`);
  }
  const object = json as Record<string, unknown>;
  if (looksLikeTag(object)) {
    return decodeTag(object, path, depth);
  }
  return decodeMembers(object, path, depth);
}

/** Encodes a wire value as tagged JSON text. */
export function stringifyTagged(value: WireValue): string {
  return JSON.stringify(encodeTaggedValue(value));
}

/** Parses tagged JSON text back into a wire value. */
export function parseTagged(text: string, path = 'value'): WireValue {
  return decodeTaggedValue(JSON.parse(text), path);
}

function decodeTag(object: Record<string, unknown>, path: string, depth: number): WireValue {
  const [tag] = Object.keys(object) as [string];
  const content = object[tag];
  switch (tag) {
    case '$struct':
      if (typeof content !== 'object' || content === null || Array.isArray(content)) {
        throw new TaggedJsonError(path, `expected {"$struct": {...}} to hold an object, got ${quote(content)}`);
      }
      return decodeMembers(content as Record<string, unknown>, path, depth);
    case '$bytes':
      if (typeof content !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(content) || content.length % 4 !== 0) {
        throw new TaggedJsonError(path, `expected {"$bytes": ...} to hold base64 text, got ${quote(content)}`);
      }
      return Buffer.from(content, 'base64');
    case '$date': {
      const date = typeof content === 'string' ? new Date(content) : undefined;
      if (!date || Number.isNaN(date.getTime())) {
        throw new TaggedJsonError(path, `expected {"$date": ...} to hold an ISO 8601 date, got ${quote(content)}`);
      }
      return date;
    }
    case '$bigint':
      return decodeBigInt(content, path);
    case '$double':
      if (typeof content !== 'number') {
        throw new TaggedJsonError(path, `expected {"$double": ...} to hold a JSON number, got ${quote(content)}`);
      }
      return toWireDouble(content);
    case '$number':
      if (content === 'NaN' || content === 'Infinity' || content === '-Infinity' || content === '-0') {
        return content === '-0' ? -0 : Number(content);
      }
      throw new TaggedJsonError(path, `expected {"$number": ...} to hold "NaN", "Infinity", "-Infinity" or "-0", got ${quote(content)}`);
    default:
      throw new TaggedJsonError(
        path,
        `unknown tag ${quote(tag)}; known: $bytes, $date, $bigint, $double, $number, $struct ` +
          '(wrap an object whose only key starts with "$" as {"$struct": {...}})',
      );
  }
}

// Bounded as XML-RPC's <i8> (wire/xmlrpc/scalars.ts): the length is checked before BigInt
// sees the text, since converting a huge digit string takes seconds and serves no peer.
function decodeBigInt(content: unknown, path: string): bigint {
  const expected = `expected {"$bigint": ...} to hold a decimal integer of at most 64 bits (${INT64_MIN} to ${INT64_MAX})`;
  if (typeof content !== 'string' || content.length > MAX_BIGINT_CHARACTERS || !/^-?\d+$/.test(content)) {
    throw new TaggedJsonError(path, `${expected}, got ${quote(content)}`);
  }
  const value = BigInt(content);
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new TaggedJsonError(path, `${expected}, got ${quote(content)}`);
  }
  return value;
}

function decodeMembers(object: Record<string, unknown>, path: string, depth: number): WireStruct {
  const struct: WireStruct = {};
  for (const key of Object.keys(object)) {
    defineMember(struct, key, decodeTaggedValue(object[key], `${path}.${key}`, depth + 1));
  }
  return struct;
}

function looksLikeTag(object: Record<string, unknown>): boolean {
  const keys = Object.keys(object);
  return keys.length === 1 && keys[0]!.startsWith('$');
}

// Plain assignment of `__proto__` would replace the prototype instead of adding a member.
function defineMember(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function quote(content: unknown): string {
  if (typeof content === 'string' && content.length > MAX_QUOTED_CHARACTERS) {
    return `${JSON.stringify(content.slice(0, MAX_QUOTED_CHARACTERS))}... (${content.length} characters)`;
  }
  const quoted = JSON.stringify(content) ?? String(content);
  return quoted.length > MAX_QUOTED_CHARACTERS ? `${quoted.slice(0, MAX_QUOTED_CHARACTERS)}... (${quoted.length} characters)` : quoted;
}

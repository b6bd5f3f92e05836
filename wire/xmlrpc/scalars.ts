import type { WireValue } from '../types.ts';
import { toWireDouble, type WholeDouble } from '../whole-double.ts';
import { parseIsoDate } from './date.ts';

export type ScalarType = 'string' | 'int' | 'i4' | 'i8' | 'double' | 'boolean' | 'base64' | 'dateTime.iso8601' | 'nil';

const SCALAR_TYPES = new Set<string>(['string', 'int', 'i4', 'i8', 'double', 'boolean', 'base64', 'dateTime.iso8601', 'nil']);

const INTEGER = /^[+-]?[0-9]+$/;
// Python writes repr(float), which may use an exponent; the spec's plain form is a subset.
const DOUBLE = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const WHITESPACE = /[ \t\r\n]+/g;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Maps an element name to its scalar type; a namespace prefix (Apache's `ex:`) is ignored. */
export function readScalarType(name: string): ScalarType | undefined {
  const colon = name.indexOf(':');
  const localName = colon === -1 ? name : name.slice(colon + 1);
  return SCALAR_TYPES.has(localName) ? (localName as ScalarType) : undefined;
}

/** Converts the text of a scalar element; returns undefined when the text is not valid for the type. */
export function convertScalar(type: ScalarType, text: string): WireValue | undefined {
  switch (type) {
    case 'string':
      return text;
    case 'int':
    case 'i4':
    case 'i8':
      return convertInteger(text.trim());
    case 'double':
      return convertDouble(text.trim());
    case 'boolean':
      return convertBoolean(text.trim());
    case 'base64':
      return convertBase64(text);
    case 'dateTime.iso8601':
      return parseIsoDate(text);
    case 'nil':
      return text.trim() === '' ? null : undefined;
  }
}

// Beyond 64 bits no peer means it, and a huge digit string would make BigInt slow.
function convertInteger(text: string): number | bigint | undefined {
  if (!INTEGER.test(text) || text.length > 21) {
    return undefined;
  }
  const value = Number(text);
  if (Number.isSafeInteger(value)) {
    return value;
  }
  const wide = BigInt(text);
  return wide >= INT64_MIN && wide <= INT64_MAX ? wide : undefined;
}

// A whole double (2.0) is wrapped, or it would be stored and answered as an int.
function convertDouble(text: string): number | WholeDouble | undefined {
  if (!DOUBLE.test(text)) {
    return undefined;
  }
  const value = Number(text);
  // 1e999 parses as Infinity, which we could not send back.
  return Number.isFinite(value) ? toWireDouble(value) : undefined;
}

function convertBoolean(text: string): boolean | undefined {
  if (text === '1') {
    return true;
  }
  return text === '0' ? false : undefined;
}

// Python wraps base64 at 76 columns, so whitespace anywhere is allowed.
function convertBase64(text: string): Buffer | undefined {
  const compact = text.replace(WHITESPACE, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    return undefined;
  }
  return Buffer.from(compact, 'base64');
}

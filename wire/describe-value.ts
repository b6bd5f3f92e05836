// The one describer of values for error messages, on both sides of the wire: every
// message quotes the offending value and its kind, so a mistake is found at a glance.
import type { WireStruct } from './types.ts';
import { WholeDouble } from './whole-double.ts';

const MAX_SHOWN_CHARACTERS = 120;

/** `value` (kind), shortened, in JavaScript's words: for recipe and option mistakes. */
export function describeValue(value: unknown): string {
  return `\`${showValue(value)}\` (${describeJavaScriptKind(value)})`;
}

/** `value` (type), shortened, in the protocol's words: for what a client sent. */
export function describeWireValue(value: unknown): string {
  return value === undefined ? 'nothing' : `\`${showValue(value)}\` (${describeWireType(value)})`;
}

/**
 * The XML-RPC type a value came as (string, int, double, i8, boolean, nil, base64,
 * dateTime.iso8601, array, struct), for "expected struct, got array" messages.
 */
export function describeWireType(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'int' : 'double';
    case 'bigint':
      return 'i8';
    case 'object':
      if (Buffer.isBuffer(value)) return 'base64';
      if (value instanceof Date) return 'dateTime.iso8601';
      if (Array.isArray(value)) return 'array';
      if (value instanceof WholeDouble) return 'double';
      return isWireStruct(value) ? 'struct' : (value.constructor?.name ?? 'object');
    default:
      return typeof value;
  }
}

function describeJavaScriptKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  // A Map or a class instance is named by its class: "object" would hide the mistake.
  if (typeof value === 'object' && !isWireStruct(value)) return value.constructor?.name ?? 'object';
  return typeof value;
}

/** True for a struct: a plain object, not an array, bytes, a date or a class instance. */
export function isWireStruct(value: unknown): value is WireStruct {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function showValue(value: unknown): string {
  const shown = stringifyValue(value);
  return shown.length > MAX_SHOWN_CHARACTERS ? `${shown.slice(0, MAX_SHOWN_CHARACTERS)}...` : shown;
}

function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `${value.length} bytes`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? String(item) : item)) ?? String(value);
    } catch {
      // Circular structures cannot be serialized; their tag still says what they are.
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}

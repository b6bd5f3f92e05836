// Small facts about wire values that several layers need when checking what a client sent.
import type { WireStruct, WireValue } from '../../wire/types.ts';

/** True for a struct: a plain object, not an array, bytes or a date. */
export function isWireStruct(value: unknown): value is WireStruct {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Describes a value for an error message: its type, and the value itself when short. */
export function describeValue(value: WireValue | undefined): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value === null) {
    return 'nil';
  }
  if (typeof value === 'string') {
    return value.length <= 40 ? `string ${JSON.stringify(value)}` : `a string of ${value.length} characters`;
  }
  if (typeof value === 'number') {
    return `${Number.isInteger(value) ? 'integer' : 'number'} ${String(value)}`;
  }
  if (typeof value === 'bigint') {
    return `integer ${value}`;
  }
  if (typeof value === 'boolean') {
    return `boolean ${value}`;
  }
  if (Buffer.isBuffer(value)) {
    return `base64 data (${value.length} bytes)`;
  }
  if (value instanceof Date) {
    return 'a dateTime';
  }
  return Array.isArray(value) ? 'an array' : 'a struct';
}

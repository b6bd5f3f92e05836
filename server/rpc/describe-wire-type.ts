import type { WireValue } from '../../wire/types.ts';

/** The XML-RPC type a parsed value came as, for "expected struct, got array" messages. */
export function describeWireType(value: WireValue | undefined): string {
  if (value === undefined || value === null) {
    return 'nil';
  }
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'i8';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'double';
    default:
      if (Buffer.isBuffer(value)) {
        return 'base64';
      }
      if (value instanceof Date) {
        return 'dateTime.iso8601';
      }
      return Array.isArray(value) ? 'array' : 'struct';
  }
}

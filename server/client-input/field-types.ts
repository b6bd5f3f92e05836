// The types the server relies on in what a client sends, read one way for XML-RPC arguments,
// JSON body fields and the bags' fields alike, so the transports cannot drift apart
// (docs/PROTOCOL.md, "The three bags").
import { readWireNumber } from '../../wire/read-wire-number.ts';
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';

/** A flag: a boolean, or an int (0 is false, anything else true), as very old clients send flags. */
export function readFlag(value: WireValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  const integer = readInteger(value);
  return integer === undefined ? undefined : integer !== 0;
}

/** An int, or a whole double (Python's 7.0), which says the same. */
export function readInteger(value: WireValue | undefined): number | undefined {
  const number = readWireNumber(value);
  return number !== undefined && Number.isSafeInteger(number) ? number : undefined;
}

/** Captured output: a string, or base64 for text XML cannot carry and for bytes that are not UTF-8. */
export function isText(value: WireValue | undefined): value is string | Buffer {
  return typeof value === 'string' || Buffer.isBuffer(value);
}

export type FieldType = 'string' | 'text' | 'int' | 'number' | 'flag';

const FIELD_TYPES: Record<FieldType, { expected: string; fits: (value: WireValue) => boolean }> = {
  string: { expected: 'a string', fits: (value) => typeof value === 'string' },
  text: { expected: 'a string or base64', fits: isText },
  int: { expected: 'an int', fits: (value) => readInteger(value) !== undefined },
  number: { expected: 'an int or double', fits: (value) => readWireNumber(value) !== undefined },
  flag: { expected: 'a boolean', fits: (value) => readFlag(value) !== undefined },
};

/** Refuses the first field of `bag` that is given (neither absent nor nil) with another type; `where` names the bag. */
export function checkFieldTypes(bag: WireStruct, types: Readonly<Record<string, FieldType>>, where: string): void {
  for (const [key, type] of Object.entries(types)) {
    const value = bag[key];
    if (value !== undefined && value !== null && !FIELD_TYPES[type].fits(value)) {
      throw new InvalidFieldError(`${where}.${key}`, FIELD_TYPES[type].expected, value);
    }
  }
}

// Checks a call's arguments against its method's declared parameters before anything runs,
// so a wrong call is answered with a fault naming the argument, and nothing is stored.
import type { WireValue } from '../../wire/types.ts';
import { describeWireValue, isWireStruct } from '../../wire/describe-value.ts';
import { readWireNumber } from '../../wire/read-wire-number.ts';
import { isText, readFlag, readInteger } from '../client-input/field-types.ts';
import { checkPackageLength, checkTagsetBounds } from '../client-input/identity-bounds.ts';
import { FieldTooLongError } from '../errors/domain-errors.ts';
import { InvalidArgumentsError } from './rpc-errors.ts';

export type ParamType = 'struct' | 'array' | 'string' | 'text' | 'boolean' | 'number' | 'result key' | 'array of strings';

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** Used when the argument is left out or sent as nil. */
  default?: WireValue;
}

const EXPECTED: Record<ParamType, string> = {
  struct: 'struct',
  array: 'array',
  string: 'string',
  text: 'string or base64',
  boolean: 'boolean',
  number: 'int or double',
  'result key': 'int, or string of digits',
  'array of strings': 'array of strings',
};

/** The arguments, checked and with defaults filled in; throws an InvalidArgumentsError naming the first bad one. */
export function readParams(methodName: string, specs: readonly ParamSpec[], params: WireValue[]): WireValue[] {
  checkCount(methodName, specs, params.length);
  return specs.map((spec, index) => {
    const value = params[index];
    if ((value === undefined || value === null) && 'default' in spec) {
      return spec.default!;
    }
    const read = readParam(spec.type, value);
    if (read === undefined) {
      throw new InvalidArgumentsError(
        methodName,
        `argument ${index + 1} (${spec.name}): expected ${EXPECTED[spec.type]}, got ${describeMismatch(spec.type, value)}`,
      );
    }
    checkBounds(methodName, spec.name, index, read);
    return read;
  });
}

// Arguments that name a package or a tagset keep the bounds client_info's names keep, whatever
// method takes them, since nothing longer can have been stored (docs/PROTOCOL.md, "Bounds").
function checkBounds(methodName: string, name: string, index: number, value: WireValue): void {
  try {
    if (name === 'package') {
      checkPackageLength(value as string, name);
    } else if (name === 'tagset') {
      checkTagsetBounds(value as string[], name);
    }
  } catch (error) {
    throw error instanceof FieldTooLongError
      ? new InvalidArgumentsError(methodName, `argument ${index + 1} (${name}): ${error.message}`)
      : error;
  }
}

function checkCount(methodName: string, specs: readonly ParamSpec[], count: number): void {
  const required = specs.filter((spec) => !('default' in spec)).length;
  if (count >= required && count <= specs.length) {
    return;
  }
  const range = required === specs.length ? `${required}` : `${required} to ${specs.length}`;
  const names = specs.map((spec) => ('default' in spec ? `[${spec.name}]` : spec.name)).join(', ');
  const noun = specs.length === 1 ? 'argument' : 'arguments';
  throw new InvalidArgumentsError(methodName, `takes ${range} ${noun} (${names}), got ${count}`);
}

// Returns the value in the form the method uses, or undefined when it does not fit.
function readParam(type: ParamType, value: WireValue | undefined): WireValue | undefined {
  switch (type) {
    case 'struct':
      return isWireStruct(value) ? value : undefined;
    case 'array':
      return Array.isArray(value) ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    // Text XML cannot carry (colour codes in output) travels as base64.
    case 'text':
      return isText(value) ? value : undefined;
    case 'boolean':
      return readFlag(value);
    case 'number':
      return readWireNumber(value);
    case 'result key':
      return readResultKey(value);
    case 'array of strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  }
}

// The original accepted str(int(key)), so both 7 and "7" name result 7.
function readResultKey(value: WireValue | undefined): number | undefined {
  if (typeof value === 'bigint') {
    return value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
  }
  const integer = readInteger(value);
  if (integer !== undefined) {
    return integer >= 0 ? integer : undefined;
  }
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

function describeMismatch(type: ParamType, value: WireValue | undefined): string {
  if (type === 'array of strings' && Array.isArray(value)) {
    const index = value.findIndex((item) => typeof item !== 'string');
    return `an array holding ${describeWireValue(value[index])} at index ${index}`;
  }
  return describeWireValue(value);
}

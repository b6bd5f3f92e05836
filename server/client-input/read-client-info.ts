// client_info is an open bag; only the fields that group and judge results are checked.
import { buildTagset, makeTagsetKey, type BuildIdentity } from '../../wire/tagset.ts';
import { readWireNumber, readWireSeconds } from '../../wire/read-wire-number.ts';
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';

/** Reads package, host, arch and tags, refusing types that cannot name a tagset. */
export function readBuildIdentity(clientInfo: WireStruct, field = 'client_info'): BuildIdentity {
  const packageName = clientInfo.package;
  if (typeof packageName !== 'string' || packageName === '') {
    throw new InvalidFieldError(`${field}.package`, 'a non-empty string', packageName);
  }
  // Browsers resolve `/packages/..` (even spelt `%2E%2E`) away, so such a package could never be opened.
  if (packageName === '.' || packageName === '..') {
    throw new InvalidFieldError(`${field}.package`, 'a name other than `.` or `..`, which web addresses cannot hold', packageName);
  }
  return {
    package: packageName,
    host: readOptionalString(clientInfo, 'host', field),
    arch: readOptionalString(clientInfo, 'arch', field),
    tags: readTags(clientInfo.tags, `${field}.tags`),
  };
}

/** The key of the tagset a client_info names: what should-build decisions and build requests are about. */
export function readTagsetKey(clientInfo: WireStruct): string {
  return makeTagsetKey(buildTagset(readBuildIdentity(clientInfo)));
}

/** Reads a tag list: nil or absent is no tags, as the original clients send. */
export function readTags(tags: WireValue | undefined, field: string): string[] {
  if (tags === undefined || tags === null) {
    return [];
  }
  if (!Array.isArray(tags)) {
    throw new InvalidFieldError(field, 'an array of strings or nil', tags);
  }
  tags.forEach((tag, index) => {
    if (typeof tag !== 'string') {
      throw new InvalidFieldError(`${field}[${index}]`, 'a string', tag);
    }
  });
  return tags as string[];
}

/**
 * The build's success as the original judged it (Python truthiness); null when the client
 * sent no `success`, so views can say "unknown" rather than guess.
 */
export function readSuccess(clientInfo: WireStruct): boolean | null {
  const success = clientInfo.success;
  if (success === undefined) {
    return null;
  }
  if (success === null) {
    return false;
  }
  if (typeof success === 'string' || Array.isArray(success) || Buffer.isBuffer(success)) {
    return success.length > 0;
  }
  if (typeof success === 'bigint') {
    return success !== 0n;
  }
  // A double is false when zero, as Python's bool(0.0), whether or not it is whole.
  const number = readWireNumber(success);
  if (number !== undefined) {
    return number !== 0 && !Number.isNaN(number);
  }
  if (typeof success === 'boolean') {
    return success;
  }
  return success instanceof Date || Object.keys(success).length > 0;
}

/** The client's duration in seconds when it is a usable number. */
export function readDuration(clientInfo: WireStruct): number | null {
  return readWireSeconds(clientInfo.duration) ?? null;
}

function readOptionalString(clientInfo: WireStruct, key: string, field: string): string {
  const value = clientInfo[key];
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value !== 'string') {
    throw new InvalidFieldError(`${field}.${key}`, 'a string', value);
  }
  return value;
}

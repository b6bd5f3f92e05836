// client_info is an open bag; only the fields that group and judge results are checked: their
// types, and the length of the names that go into page addresses.
import { readWireSeconds } from '../../wire/read-wire-number.ts';
import { buildTagset, makeTagsetKey, type BuildIdentity } from '../../wire/tagset.ts';
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { checkFieldTypes, readFlag } from './field-types.ts';
import { checkIdentityBounds } from './identity-bounds.ts';

/** Reads package, host, arch and tags, refusing types that cannot name a tagset and names too long for its pages. */
export function readBuildIdentity(clientInfo: WireStruct, field = 'client_info'): BuildIdentity {
  const packageName = clientInfo.package;
  if (typeof packageName !== 'string' || packageName === '') {
    throw new InvalidFieldError(`${field}.package`, 'a non-empty string', packageName);
  }
  // Browsers resolve `/packages/..` (even spelt `%2E%2E`) away, so such a package could never be opened.
  if (packageName === '.' || packageName === '..') {
    throw new InvalidFieldError(`${field}.package`, 'a name other than `.` or `..`, which web addresses cannot hold', packageName);
  }
  checkFieldTypes(clientInfo, { host: 'string', arch: 'string' }, field);
  const identity: BuildIdentity = {
    package: packageName,
    // Absent or nil: the original clients' way of saying none.
    host: (clientInfo.host as string | null | undefined) ?? '',
    arch: (clientInfo.arch as string | null | undefined) ?? '',
    tags: readTags(clientInfo.tags, `${field}.tags`),
  };
  checkIdentityBounds(identity, field);
  return identity;
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
 * The build's success: a boolean (or an int flag); nil is false, as the original judged None;
 * null when the client sent none, so views can say "unknown" rather than guess.
 */
export function readSuccess(clientInfo: WireStruct): boolean | null {
  checkFieldTypes(clientInfo, { success: 'flag' }, 'client_info');
  const success = clientInfo.success;
  return success === undefined ? null : readFlag(success) ?? false;
}

/**
 * The client's duration in seconds, which must be a number; a negative or infinite one (a
 * clock that jumped) is stored but not used.
 */
export function readDuration(clientInfo: WireStruct): number | null {
  checkFieldTypes(clientInfo, { duration: 'number' }, 'client_info');
  return readWireSeconds(clientInfo.duration) ?? null;
}

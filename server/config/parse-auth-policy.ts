// The configuration's "auth": who may write, and how much an anonymous client may send.
import { describeValue } from '../../wire/describe-value.ts';
import { parseByteSize } from './parse-byte-size.ts';
import { isObject, reportUnknownKeys } from './parse-server-config.ts';
import { AUTH_MODES, DEFAULT_ANONYMOUS_BYTES_PER_DAY, type AuthMode, type AuthPolicy } from './types.ts';

const AUTH_KEYS = ['mode', 'anonymous_bytes_per_day', 'private'];
const BYTE_SIZE = 'a size such as "50M" or a number of bytes, 1 or more';

/** The auth policy, or undefined when absent or wrong (its problems collected). */
export function readAuthPolicy(value: unknown, problems: string[]): AuthPolicy | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.push(`auth: expected an object with "mode", "anonymous_bytes_per_day" or "private", got ${describeValue(value)}`);
    return undefined;
  }
  reportUnknownKeys(value, AUTH_KEYS, 'auth', problems);
  const policy: AuthPolicy = { mode: 'open', anonymousBytesPerDay: DEFAULT_ANONYMOUS_BYTES_PER_DAY };
  if (value.mode !== undefined) {
    const mode = readAuthMode(value.mode);
    if (mode === undefined) {
      problems.push(`auth.mode: expected one of ${AUTH_MODES.join(', ')}, got ${describeValue(value.mode)}`);
    } else {
      policy.mode = mode;
    }
  }
  if (value.anonymous_bytes_per_day !== undefined) {
    const bytes = parseByteCount(value.anonymous_bytes_per_day);
    if (bytes === undefined) {
      problems.push(`auth.anonymous_bytes_per_day: expected ${BYTE_SIZE}, got ${describeValue(value.anonymous_bytes_per_day)}`);
    } else {
      policy.anonymousBytesPerDay = bytes;
    }
  }
  if (value.private !== undefined) {
    if (typeof value.private === 'boolean') {
      policy.private = value.private;
    } else {
      problems.push(`auth.private: expected true or false, got ${describeValue(value.private)}`);
    }
  }
  return policy;
}

/** An auth mode named on the command line or in the configuration; undefined for anything else. */
export function readAuthMode(value: unknown): AuthMode | undefined {
  return AUTH_MODES.find((mode) => mode === value);
}

function parseByteCount(value: unknown): number | undefined {
  const bytes = typeof value === 'number' ? value : typeof value === 'string' ? parseByteSize(value) : undefined;
  return bytes !== undefined && Number.isSafeInteger(bytes) && bytes >= 1 ? bytes : undefined;
}

// A result as the store is given it, for the store tests: package `p`, host `h`, arch `a`, tagset
// `a` unless overridden, each with an auth key of its own.
import type { NewResultRecord } from '../../server/store/types.ts';

export const TAGSET_A = '["__arch=a","__host=h","__package=p","a"]';
export const TAGSET_B = '["__arch=a","__host=h","__package=p","b"]';

let authKeys = 0;

export function makeResultRecord(overrides: Partial<NewResultRecord> = {}): NewResultRecord {
  const tagsetKey = overrides.tagsetKey ?? TAGSET_A;
  return {
    receivedAt: 1000,
    clientIp: '127.0.0.1',
    package: 'p',
    host: 'h',
    arch: 'a',
    tagset: JSON.parse(tagsetKey) as string[],
    tagsetKey,
    success: true,
    duration: 5,
    authKey: `key-${++authKeys}`,
    revision: null,
    clientInfo: { package: 'p' },
    resultsList: [],
    testCases: [],
    ...overrides,
  };
}

import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { getCachePath, getCacheRoot } from '../../../contexts/checkout/cache-path.ts';

test('the cache lives under ~/.pony-build/cache unless PONY_BUILD_CACHE says otherwise', (t) => {
  t.is(getCacheRoot({}), path.join(os.homedir(), '.pony-build', 'cache'));
  t.is(getCacheRoot({ PONY_BUILD_CACHE: '' }), path.join(os.homedir(), '.pony-build', 'cache'));
  t.is(getCacheRoot({ PONY_BUILD_CACHE: '/var/cache/pony' }), '/var/cache/pony');
});

test('each URL gets its own readable, hashed cache directory per VCS', (t) => {
  const env = { PONY_BUILD_CACHE: '/cache' };
  const first = getCachePath(env, 'git', 'https://example.org/a/hello.git');
  const second = getCachePath(env, 'git', 'https://example.org/b/hello.git');
  t.regex(first, /^\/cache\/git\/hello-[0-9a-f]{12}$/);
  t.not(first, second);
  t.is(first, getCachePath(env, 'git', 'https://example.org/a/hello.git'));
  t.regex(getCachePath(env, 'hg', 'https://example.org/a/hello.git'), /^\/cache\/hg\/hello-/);
});

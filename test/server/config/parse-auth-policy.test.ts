import test from 'ava';
import { parseServerConfig, ServerConfigError } from '../../../server/index.ts';

function problemsOf(document: unknown): string[] {
  try {
    parseServerConfig(document);
  } catch (error) {
    return (error as ServerConfigError).problems;
  }
  return [];
}

test('auth names the mode and the anonymous cap, as bytes or a size in binary units', (t) => {
  t.deepEqual(parseServerConfig({}).auth, { mode: 'open', anonymousBytesPerDay: 50 * 1024 * 1024 });
  t.deepEqual(parseServerConfig({ auth: { mode: 'tokens' } }).auth, { mode: 'tokens', anonymousBytesPerDay: 50 * 1024 * 1024 });
  t.deepEqual(parseServerConfig({ auth: { mode: 'capped', anonymous_bytes_per_day: '10M' } }).auth, { mode: 'capped', anonymousBytesPerDay: 10 * 1024 * 1024 });
  t.deepEqual(parseServerConfig({ auth: { anonymous_bytes_per_day: 4096 } }).auth, { mode: 'open', anonymousBytesPerDay: 4096 });
  t.deepEqual(parseServerConfig({ auth: { mode: 'tokens', private: true } }).auth, { mode: 'tokens', anonymousBytesPerDay: 50 * 1024 * 1024, private: true });
});

test('every problem of auth is named', (t) => {
  t.deepEqual(problemsOf({ auth: { mode: 'closed', anonymous_bytes_per_day: 0, users: [] } }), [
    'auth.users: unknown key; known keys here: mode, anonymous_bytes_per_day, private',
    'auth.mode: expected one of open, tokens, capped, got `closed` (string)',
    'auth.anonymous_bytes_per_day: expected a size such as "50M" or a number of bytes, 1 or more, got `0` (number)',
  ]);
  t.deepEqual(problemsOf({ auth: 'tokens' }), ['auth: expected an object with "mode", "anonymous_bytes_per_day" or "private", got `tokens` (string)']);
  t.deepEqual(problemsOf({ auth: { private: 'yes' } }), ['auth.private: expected true or false, got `yes` (string)']);
  t.deepEqual(problemsOf({ auth: { anonymous_bytes_per_day: 'lots' } }), [
    'auth.anonymous_bytes_per_day: expected a size such as "50M" or a number of bytes, 1 or more, got `lots` (string)',
  ]);
});

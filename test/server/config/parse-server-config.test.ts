import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { parseServerConfig, readServerConfigFile, ServerConfigError } from '../../../server/index.ts';
import { EMPTY_NOTIFICATION_CONFIG } from '../../../server/config/notify-config-types.ts';
import { EMPTY_EMAIL_CONFIG } from '../../../server/config/email-config-types.ts';
import { EMPTY_HOOK_CONFIG } from '../../../server/config/hook-config-types.ts';
import { makeTempDirectory } from '../helpers/server.ts';

function problemsOf(document: unknown): string[] {
  const error = (() => {
    try {
      parseServerConfig(document);
    } catch (caught) {
      return caught;
    }
    throw new Error('expected a ServerConfigError');
  })();
  if (!(error instanceof ServerConfigError)) {
    throw error;
  }
  return error.problems;
}

test('a full configuration is read with durations in seconds and defaults filled in', (t) => {
  const config = parseServerConfig({
    expected: [
      { package: 'cpython', host: 'builder1', arch: 'linux-x86_64', tags: ['python3.13'], max_age: '26h' },
      { package: 'widget', max_age: 3600 },
    ],
    retention: { keep_last: 50, max_age_days: 90, interval: '30m' },
    live: { abandon_after: '1h30m' },
    limits: { requests_per_minute: 600 },
    commit_links: [
      { repository: 'https://github.com/python/cpython.git', url: 'https://github.com/python/cpython/commit/{revision}' },
      { repository: 'https://hg.example.org/', url: 'https://hg.example.org/rev/{revision}' },
    ],
  });
  t.deepEqual(config, {
    expected: [
      { package: 'cpython', host: 'builder1', arch: 'linux-x86_64', tags: ['python3.13'], maxAgeSeconds: 93_600 },
      { package: 'widget', host: null, arch: null, tags: [], maxAgeSeconds: 3600 },
    ],
    retention: { keepLast: 50, maxAgeDays: 90, intervalSeconds: 1800 },
    live: { abandonAfterSeconds: 5400, heartbeatSeconds: 15 },
    auth: { mode: 'open', anonymousBytesPerDay: 50 * 1024 * 1024 },
    commitLinks: [
      { repository: 'https://github.com/python/cpython.git', url: 'https://github.com/python/cpython/commit/{revision}' },
      { repository: 'https://hg.example.org/', url: 'https://hg.example.org/rev/{revision}' },
    ],
    limits: { requestsPerMinute: 600, stepOutputBytes: 1024 * 1024, testCasesPerResult: 100_000, artifactBytes: 100 * 1024 ** 2, artifactQuotaBytes: 5 * 1024 ** 3 },
    hooks: EMPTY_HOOK_CONFIG,
    email: EMPTY_EMAIL_CONFIG,
    publicUrl: null,
    notifications: EMPTY_NOTIFICATION_CONFIG,
    websubHub: null,
  });
});

test('an empty configuration expects nothing and keeps everything, checked hourly', (t) => {
  t.deepEqual(parseServerConfig({}), {
    expected: [],
    retention: { keepLast: null, maxAgeDays: null, intervalSeconds: 3600 },
    live: { abandonAfterSeconds: null, heartbeatSeconds: 15 },
    auth: { mode: 'open', anonymousBytesPerDay: 50 * 1024 * 1024 },
    commitLinks: [],
    limits: { requestsPerMinute: 1200, stepOutputBytes: 1024 * 1024, testCasesPerResult: 100_000, artifactBytes: 100 * 1024 ** 2, artifactQuotaBytes: 5 * 1024 ** 3 },
    hooks: EMPTY_HOOK_CONFIG,
    email: EMPTY_EMAIL_CONFIG,
    publicUrl: null,
    notifications: EMPTY_NOTIFICATION_CONFIG,
    websubHub: null,
  });
  t.deepEqual(parseServerConfig({ live: {} }).live, { abandonAfterSeconds: null, heartbeatSeconds: 15 });
  t.deepEqual(parseServerConfig({ retention: { keep_last: 1 } }).retention, { keepLast: 1, maxAgeDays: null, intervalSeconds: 3600 });
});

test('a bad max_age is named with its JSON path and the value', (t) => {
  t.deepEqual(problemsOf({ expected: [{ package: 'a', max_age: '1h' }, { package: 'b', max_age: 'soon' }] }), [
    'expected[1].max_age: expected a duration such as "26h" or a number of seconds, got `soon` (string)',
  ]);
});

test('every problem is reported together, unknown keys named', (t) => {
  const problems = problemsOf({
    expected: [
      { package: '', host: 7, arch: 'x', tags: ['ok', 3, '__host=h'], max_age: -1, colour: 'red' },
      'cpython',
      { max_age: '1d' },
    ],
    retention: { keep_last: 0, max_age_days: 'ninety', interval: '0s', forever: true },
    live: { abandon_after: 'soon', sweep: true },
    commit_links: [
      { repository: '', url: 'https://example.org/commit/{revision}' },
      { repository: 'https://example.org/a.git', url: 'javascript:alert({revision})' },
      { repository: 'https://example.org/b.git', url: 'https://example.org/commits', branch: 'main' },
      'https://example.org/c.git',
    ],
    notify: {},
  });
  t.deepEqual(problems, [
    'notify: unknown key; known keys here: expected, retention, live, auth, commit_links, limits, hooks, smtp, email, public_url, webhooks, commit_status, deliveries, websub_hub',
    'expected[0].colour: unknown key; known keys here: package, host, arch, tags, max_age',
    'expected[0].package: expected a non-empty string, got `` (string)',
    'expected[0].host: expected a non-empty string, got `7` (number)',
    'expected[0].tags[1]: expected a non-empty string, got `3` (number)',
    'expected[0].tags[2]: tags beginning with "__" are made by the server; use "host" or "arch" instead of "__host=h"',
    'expected[0].max_age: expected a duration such as "26h" or a number of seconds, got `-1` (number)',
    'expected[1]: expected an object with "package" and "max_age", got `cpython` (string)',
    'expected[2].package: expected a non-empty string, got `undefined` (undefined)',
    'retention.forever: unknown key; known keys here: keep_last, max_age_days, interval',
    'retention.keep_last: expected a whole number of results, 1 or more, got `0` (number)',
    'retention.max_age_days: expected a number of days above 0, got `ninety` (string)',
    'retention.interval: expected a duration such as "26h" or a number of seconds, at least 1 second, got `0s` (string)',
    'live.sweep: unknown key; known keys here: abandon_after, heartbeat',
    'live.abandon_after: expected a duration such as "26h" or a number of seconds, got `soon` (string)',
    'commit_links[0].repository: expected a non-empty string, got `` (string)',
    'commit_links[1].url: expected an http:// or https:// URL holding {revision}, got `javascript:alert({revision})` (string)',
    'commit_links[2].branch: unknown key; known keys here: repository, url',
    'commit_links[2].url: expected an http:// or https:// URL holding {revision}, got `https://example.org/commits` (string)',
    'commit_links[3]: expected an object with "repository" and "url", got `https://example.org/c.git` (string)',
  ]);
});

test('the wrong shapes at the top are named', (t) => {
  t.deepEqual(problemsOf([]), ['(top level): expected an object with "expected", "retention", "live", "auth", "commit_links" or "limits", got `[]` (array)']);
  t.deepEqual(problemsOf({ expected: {}, retention: [], live: 'fast', commit_links: {} }), [
    'expected: expected an array of expected builders, got `{}` (object)',
    'retention: expected an object with "keep_last", "max_age_days" or "interval", got `[]` (array)',
    'live: expected an object with "abandon_after" or "heartbeat", got `fast` (string)',
    'commit_links: expected an array of {"repository", "url"} objects, got `{}` (object)',
  ]);
  t.deepEqual(problemsOf({ expected: [{ package: 'p', max_age: '1h', tags: 'x' }] }), [
    'expected[0].tags: expected an array of tags, got `x` (string)',
  ]);
});

test('a configuration file is read, and its name heads the message when it is wrong', async (t) => {
  const directory = makeTempDirectory(t);
  const good = path.join(directory, 'good.json');
  fs.writeFileSync(good, JSON.stringify({ expected: [{ package: 'p', max_age: '1d' }] }));
  t.is((await readServerConfigFile(good)).expected[0]!.maxAgeSeconds, 86_400);

  const bad = path.join(directory, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ expected: [{ package: 'p', max_age: 'soon' }], retention: { keep_last: 2.5 } }));
  const error = await t.throwsAsync(readServerConfigFile(bad), { instanceOf: ServerConfigError });
  t.is(error.message, `the server configuration ${bad} has 2 problems:\n`
    + '  expected[0].max_age: expected a duration such as "26h" or a number of seconds, got `soon` (string)\n'
    + '  retention.keep_last: expected a whole number of results, 1 or more, got `2.5` (number)');

  const notJson = path.join(directory, 'broken.json');
  fs.writeFileSync(notJson, '{ "expected": [ }');
  await t.throwsAsync(readServerConfigFile(notJson), { instanceOf: ServerConfigError, message: /broken\.json has 1 problem:\n {2}is not valid JSON: / });
  await t.throwsAsync(readServerConfigFile(path.join(directory, 'absent.json')), { instanceOf: ServerConfigError, message: /absent\.json has 1 problem:\n {2}cannot be read: ENOENT/ });
});

test('websub_hub is the hub\'s http(s) URL; anything else is named', (t) => {
  t.is(parseServerConfig({ websub_hub: 'https://hub.example.org/' }).websubHub, 'https://hub.example.org/');
  const error = t.throws(() => parseServerConfig({ websub_hub: 'ftp://hub.example.org/' }), { instanceOf: ServerConfigError });
  t.deepEqual(error.problems, ['websub_hub: expected the hub\'s http:// or https:// URL, such as "https://pubsubhubbub.appspot.com/", got `ftp://hub.example.org/` (string)']);
});

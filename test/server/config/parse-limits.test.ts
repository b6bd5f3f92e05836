import test from 'ava';
import { parseServerConfig, ServerConfigError } from '../../../server/index.ts';

test('limits left out keep their defaults', (t) => {
  const defaults = { requestsPerMinute: 1200, stepOutputBytes: 1024 * 1024, testCasesPerResult: 100_000 };
  t.like(parseServerConfig({}).limits, defaults);
  t.like(parseServerConfig({ limits: {} }).limits, defaults);
  t.like(parseServerConfig({ limits: { requests_per_minute: 0 } }).limits, { ...defaults, requestsPerMinute: 0 });
});

test('limits are read, step output as a number of bytes or a size', (t) => {
  t.like(parseServerConfig({ limits: { requests_per_minute: 60, step_output_bytes: '256K', test_cases_per_result: 10 } }).limits,
    { requestsPerMinute: 60, stepOutputBytes: 256 * 1024, testCasesPerResult: 10 });
  t.is(parseServerConfig({ limits: { step_output_bytes: 4096 } }).limits.stepOutputBytes, 4096);
});

test('wrong limits are all named with their value', (t) => {
  const error = t.throws(() => parseServerConfig({
    limits: { requests_per_minute: -1, step_output_bytes: 100, test_cases_per_result: 0.5, per_day: 3 },
  }), { instanceOf: ServerConfigError });
  const [unknownKey, ...wrongValues] = error?.problems ?? [];
  t.regex(unknownKey!, /^limits\.per_day: unknown key; known keys here: requests_per_minute, step_output_bytes, test_cases_per_result\b/);
  t.deepEqual(wrongValues, [
    'limits.requests_per_minute: expected a whole number of requests, 0 (no limit) or more, got `-1` (number)',
    'limits.step_output_bytes: expected a size such as "1M" or a number of bytes, at least 1024, got `100` (number)',
    'limits.test_cases_per_result: expected a whole number of test cases, 1 or more, got `0.5` (number)',
  ]);
  t.regex(t.throws(() => parseServerConfig({ limits: 5 }))!.message,
    /\n {2}limits: expected an object with "requests_per_minute", "step_output_bytes", "test_cases_per_result".*, got `5` \(number\)$/);
});

import test from 'ava';
import { parseDuration } from '../../../server/index.ts';

test('a duration is a number of seconds or text with units', (t) => {
  t.is(parseDuration(90), 90);
  t.is(parseDuration('26h'), 26 * 3600);
  t.is(parseDuration('1h30m'), 5400);
  t.is(parseDuration('2d'), 172_800);
  t.is(parseDuration('1w'), 604_800);
  t.is(parseDuration('45s'), 45);
  t.is(parseDuration('1.5h'), 5400);
});

test('anything else is not a duration', (t) => {
  for (const value of ['soon', '', '26', 'h', '-1h', '0h', '1y', 0, -5, Number.NaN, Number.POSITIVE_INFINITY, null, true, [], {}]) {
    t.is(parseDuration(value), undefined, JSON.stringify(value));
  }
});

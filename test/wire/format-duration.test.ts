import test from 'ava';
import { formatDuration } from '../../wire/format-duration.ts';

test('durations read as people say them, in the unit that fits', (t) => {
  const cases: Array<[number, string]> = [
    [0, '<1 ms'],
    [0.0004, '<1 ms'],
    [0.0005, '1 ms'],
    [0.19478018699999997, '195 ms'],
    [0.34, '340 ms'],
    [0.9994, '999 ms'],
    [0.9996, '1.0 s'],
    [3.25, '3.3 s'],
    [42.5, '42.5 s'],
    [59.94, '59.9 s'],
    [59.96, '1 min 0 s'],
    [123, '2 min 3 s'],
    [3599.4, '59 min 59 s'],
    [3599.6, '1 h 0 min'],
    [3720, '1 h 2 min'],
    [90_000, '25 h 0 min'],
  ];
  for (const [seconds, expected] of cases) {
    t.is(formatDuration(seconds), expected, String(seconds));
  }
});

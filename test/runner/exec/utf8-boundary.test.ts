import test from 'ava';
import { findCharacterStart, findCompleteEnd } from '../../../runner/exec/utf8-boundary.ts';

const bytes = Buffer.from('a€😀b'); // 1 + 3 + 4 + 1 bytes

test('a cut ends before an incomplete character', (t) => {
  t.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((end) => findCompleteEnd(bytes, end)), [0, 1, 1, 1, 4, 4, 4, 4, 8, 9]);
});

test('a cut starts at the next whole character', (t) => {
  t.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((start) => findCharacterStart(bytes, start)), [0, 1, 4, 4, 4, 8, 8, 8, 8]);
});

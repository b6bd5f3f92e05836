import test from 'ava';
import { splitLongOutput } from '../../../server/web/split-long-output.ts';

test('short output is kept whole', (t) => {
  const text = 'a\n'.repeat(120);
  t.deepEqual(splitLongOutput(text), { head: text, tail: '', hiddenLines: 0, hiddenCharacters: 0 });
});

test('long output keeps the first 40 and last 80 lines', (t) => {
  const lines = Array.from({ length: 200 }, (_, index) => `${index + 1}\n`);
  const parts = splitLongOutput(lines.join(''));
  t.is(parts.head, lines.slice(0, 40).join(''));
  t.is(parts.tail, lines.slice(120).join(''));
  t.is(parts.hiddenLines, 80);
  t.is(parts.hiddenCharacters, lines.slice(40, 120).join('').length);
});

test('one very long line is cut by characters', (t) => {
  const text = 'x'.repeat(30_000);
  const parts = splitLongOutput(text);
  t.is(parts.head.length, 8000);
  t.is(parts.tail.length, 16_000);
  t.is(parts.hiddenCharacters, 6000);
  t.is(parts.hiddenLines, 1);
});

import test from 'ava';
import { appendToHead, LIVE_OUTPUT_HEAD_BYTES, NO_OUTPUT } from '../../../server/store/live-output-head.ts';

test('chunks are appended after what is held; a retried or overlapping chunk adds only what is new', (t) => {
  const first = appendToHead(NO_OUTPUT, 'abc', 0);
  t.deepEqual(first, { head: 'abc', headBytes: 3, received: 3 });
  t.is(appendToHead(first, 'abc', 0), first);
  t.is(appendToHead(first, 'b', 1), first);
  t.deepEqual(appendToHead(first, 'cdé', 2), { head: 'abcdé', headBytes: 6, received: 5 });
  t.deepEqual(appendToHead(first, 'd', null), { head: 'abcd', headBytes: 4, received: 4 });
});

test('a chunk past a gap is added after what is held, and counting goes on from its end', (t) => {
  const held = appendToHead(NO_OUTPUT, 'abc', 0);
  t.deepEqual(appendToHead(held, 'xyz', 10), { head: 'abcxyz', headBytes: 6, received: 13 });
});

test('the head keeps 512 KiB of UTF-8, cut on a character boundary, and counting goes on past it', (t) => {
  const almost = appendToHead(NO_OUTPUT, 'a'.repeat(LIVE_OUTPUT_HEAD_BYTES - 2), 0);
  const exact = appendToHead(almost, 'bcd', null);
  t.true(exact.head === `${almost.head}bc`, 'as much as fits is kept');
  t.deepEqual([exact.headBytes, exact.received], [LIVE_OUTPUT_HEAD_BYTES, LIVE_OUTPUT_HEAD_BYTES + 1]);

  // A two-byte character does not fit in the one byte left: nothing of it is kept, nor anything after it.
  const cut = appendToHead(appendToHead(almost, 'b', null), 'é', null);
  const after = appendToHead(cut, 'more', null);
  t.true(after.head === `${almost.head}b`, 'the head ends before the character that did not fit');
  t.deepEqual([after.headBytes, after.received], [LIVE_OUTPUT_HEAD_BYTES, LIVE_OUTPUT_HEAD_BYTES + 4]);
});

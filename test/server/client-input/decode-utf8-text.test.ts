import test from 'ava';
import { decodeUtf8Text } from '../../../server/client-input/decode-utf8-text.ts';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

test('valid UTF-8 is the text it spells, a BOM included', (t) => {
  t.deepEqual(decodeUtf8Text(bytes('caf\u00e9 \u{1F600}')), { text: 'caf\u00e9 \u{1F600}' });
  t.deepEqual(decodeUtf8Text(bytes('\uFEFFbom')), { text: '\uFEFFbom' });
});

test('the offset is where the first broken sequence starts, as Python counts', (t) => {
  t.deepEqual(decodeUtf8Text(bytes('ab', [0xff], 'c')), { invalidAt: 2, cutShort: false });
  // A three-byte character whose third byte is an ASCII letter: the character is what is broken.
  t.deepEqual(decodeUtf8Text(bytes('a', [0xe2, 0x82], 'A')), { invalidAt: 1, cutShort: false });
  // An encoded surrogate (CESU-8) and an overlong `/` are not UTF-8.
  t.deepEqual(decodeUtf8Text(bytes('x', [0xed, 0xa0, 0x80])), { invalidAt: 1, cutShort: false });
  t.deepEqual(decodeUtf8Text(bytes([0xc0, 0xaf])), { invalidAt: 0, cutShort: false });
  t.deepEqual(decodeUtf8Text(bytes('ok', [0x80])), { invalidAt: 2, cutShort: false });
});

test('bytes that end inside a character are cut short where that character starts', (t) => {
  t.deepEqual(decodeUtf8Text(bytes('a', [0xe2, 0x82])), { invalidAt: 1, cutShort: true });
  t.deepEqual(decodeUtf8Text(bytes('\u00e9'.repeat(70_000), [0xf0, 0x9f, 0x98])), { invalidAt: 140_000, cutShort: true });
});

test('a large body is searched past its first chunks, also where a broken character straddles two', (t) => {
  // Two-byte characters after one ASCII byte: every 64 KiB boundary falls inside a character.
  t.deepEqual(decodeUtf8Text(bytes('a', '\u00e9'.repeat(100_000), [0xff])), { invalidAt: 200_001, cutShort: false });
  t.deepEqual(decodeUtf8Text(bytes('a'.repeat(65_535), [0xe2, 0x82], 'A')), { invalidAt: 65_535, cutShort: false });
  t.deepEqual(decodeUtf8Text(bytes('a'.repeat(65_534), [0xe2, 0x82, 0x41])), { invalidAt: 65_534, cutShort: false });
});

import test from 'ava';
import { decodeTextBytes } from '../../../server/client-input/decode-text-bytes.ts';

test('bytes become text only when they are valid UTF-8, and a BOM is kept', (t) => {
  t.is(decodeTextBytes(Buffer.from('caf\u00e9')), 'caf\u00e9');
  t.is(decodeTextBytes(Buffer.from('\uFEFFbom')), '\uFEFFbom');
  const invalid = Buffer.from([0xc3, 0x28]);
  t.is(decodeTextBytes(invalid), invalid);
  t.deepEqual(decodeTextBytes({ list: [Buffer.from('a')], date: new Date(0) }), { list: ['a'], date: new Date(0) });
});

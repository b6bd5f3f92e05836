import test from 'ava';
import type { WireValue } from '../../../wire/types.ts';
import { WholeDouble } from '../../../wire/whole-double.ts';
import {
  parseMethodCall,
  parseMethodResponse,
  serializeMethodCall,
  serializeMethodResponse,
} from '../../../wire/xmlrpc/index.ts';

const samples: Array<[string, WireValue]> = [
  ['a plain string', 'hello'],
  ['an empty string', ''],
  ['a string of markup', '<methodCall>&amp; ]]> </value>'],
  ['a string with CR, LF and tabs', 'a\r\nb\rc\n\td'],
  ['a string with surrounding whitespace', '  padded  '],
  ['non-ASCII text', 'naïve ünïcödé — 日本語 😀'],
  ['zero', 0],
  ['an int', -2147483648],
  ['an i8 number', 2 ** 40],
  ['an i8 bigint', 2n ** 62n],
  ['the most negative i8', -(2n ** 63n)],
  ['a double', 3.141592653589793],
  ['a tiny double', 5e-324],
  // The largest double is whole, so it comes back as a whole double.
  ['a huge double', new WholeDouble(1.7976931348623157e308)],
  ['a whole double', new WholeDouble(2)],
  ['a negative whole double', new WholeDouble(-1_700_000_000)],
  ['true', true],
  ['false', false],
  ['nil', null],
  ['a date', new Date('2001-02-03T04:05:06Z')],
  ['bytes', Buffer.from([0, 1, 2, 253, 254, 255])],
  ['empty bytes', Buffer.alloc(0)],
  ['an empty array', []],
  ['an empty struct', {}],
  ['a mixed array', [1, 'two', [3, [4, { five: 5 }]], null, false]],
  ['a struct of every type', {
    s: 's', i: 1, b: true, d: 0.5, w: new WholeDouble(7), n: null, t: new Date('2020-01-01T00:00:00Z'), x: Buffer.from('x'), a: [1], st: { nested: {} },
    'odd <name> & more': 'ok', '': 'empty name',
  }],
];

for (const [label, value] of samples) {
  test(`${label} round-trips as a call parameter`, (t) => {
    t.deepEqual(parseMethodCall(serializeMethodCall('m', [value, value])), { methodName: 'm', params: [value, value] });
  });

  test(`${label} round-trips as a response`, (t) => {
    t.deepEqual(parseMethodResponse(serializeMethodResponse(value)), value);
  });
}

test('strings XML cannot carry arrive as their UTF-8 bytes', (t) => {
  for (const text of ['\x1b[31mred\x1b[0m', 'nul\x00', 'ff\x0c', 'x\uFFFEy']) {
    const received = parseMethodResponse(serializeMethodResponse(text));
    t.true(Buffer.isBuffer(received));
    t.is((received as Buffer).toString('utf8'), text);
  }
});

test('a safe bigint arrives as a number, a wide int as a bigint', (t) => {
  t.is(parseMethodResponse(serializeMethodResponse(5n)), 5);
  t.is(parseMethodResponse(serializeMethodResponse(2n ** 60n)), 2n ** 60n);
});

test('a Date loses only its milliseconds', (t) => {
  t.deepEqual(parseMethodResponse(serializeMethodResponse(new Date('2001-02-03T04:05:06.789Z'))), new Date('2001-02-03T04:05:06Z'));
});

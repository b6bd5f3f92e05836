import test from 'ava';
import { parseTagged, stringifyTagged, TaggedJsonError } from '../../../server/store/tagged-json.ts';
import type { WireStruct } from '../../../wire/types.ts';

test('every wire value survives a round trip', (t) => {
  const value = {
    text: 'plain',
    bytes: Buffer.from([0, 255, 10]),
    date: new Date('2024-01-02T03:04:05.678Z'),
    big: 2n ** 62n,
    numbers: [1, -2.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0],
    flags: [true, false, null],
    looksLikeTag: { $bytes: 'not really' },
    twoKeys: { $bytes: 'a', other: 'b' },
    nested: { list: [{ $date: 'x' }] },
  };
  const decoded = parseTagged(stringifyTagged(value)) as typeof value;
  t.deepEqual(decoded, value);
  t.true(Object.is(decoded.numbers[5], -0));
  t.true(Buffer.isBuffer(decoded.bytes));
  t.true(decoded.date instanceof Date);
});

test('the tags are the documented ones', (t) => {
  t.is(
    stringifyTagged([Buffer.from('hi'), new Date(0), 5n, Number.NaN, { $x: 1 }]),
    '[{"$bytes":"aGk="},{"$date":"1970-01-01T00:00:00.000Z"},{"$bigint":"5"},{"$number":"NaN"},{"$struct":{"$x":1}}]',
  );
});

test('a member named __proto__ stays a member', (t) => {
  const decoded = parseTagged('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
  t.deepEqual(Object.keys(decoded), ['__proto__']);
  t.is(Object.getPrototypeOf(decoded), Object.prototype);
  t.is((decoded as { polluted?: boolean }).polluted, undefined);
  t.is(stringifyTagged(decoded as WireStruct), '{"__proto__":{"polluted":true}}');
});

test('unknown or malformed tags are refused with their path', (t) => {
  t.throws(() => parseTagged('{"a": [{"$nope": 1}]}', 'body'), {
    instanceOf: TaggedJsonError,
    message: /^body\.a\[0\]: unknown tag "\$nope"/,
  });
  t.throws(() => parseTagged('{"$bytes": "***"}'), { message: 'value: expected {"$bytes": ...} to hold base64 text, got "***"' });
  t.throws(() => parseTagged('{"$date": "yesterday"}'), { message: 'value: expected {"$date": ...} to hold an ISO 8601 date, got "yesterday"' });
  t.throws(() => parseTagged('{"$bigint": 5}'), { message: 'value: expected {"$bigint": ...} to hold a decimal integer, got 5' });
});

test('nesting deeper than the limit is refused, not a stack overflow', (t) => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  t.throws(() => parseTagged(deep), { instanceOf: TaggedJsonError, message: /nested deeper than 100 levels/ });
});

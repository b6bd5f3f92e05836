import test from 'ava';
import { encodeAnswerValue, parseTagged, stringifyTagged, TaggedJsonError } from '../../../server/store/tagged-json.ts';
import type { WireStruct } from '../../../wire/types.ts';
import { WholeDouble } from '../../../wire/whole-double.ts';

test('every wire value survives a round trip', (t) => {
  const value = {
    text: 'plain',
    bytes: Buffer.from([0, 255, 10]),
    date: new Date('2024-01-02T03:04:05.678Z'),
    big: 2n ** 62n,
    numbers: [1, -2.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, new WholeDouble(2), new WholeDouble(1e300)],
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
  t.true(decoded.numbers[6] instanceof WholeDouble);
});

test('the tags are the documented ones', (t) => {
  t.is(
    stringifyTagged([Buffer.from('hi'), new Date(0), 5n, new WholeDouble(2), Number.NaN, { $x: 1 }]),
    '[{"$bytes":"aGk="},{"$date":"1970-01-01T00:00:00.000Z"},{"$bigint":"5"},{"$double":2},{"$number":"NaN"},{"$struct":{"$x":1}}]',
  );
});

test('JSON answers write a whole double as a plain number, and keep the other tags', (t) => {
  t.deepEqual(
    encodeAnswerValue({ duration: new WholeDouble(2), steps: [{ duration: new WholeDouble(3) }], bytes: Buffer.from('hi'), big: 5n }),
    { duration: 2, steps: [{ duration: 3 }], bytes: { $bytes: 'aGk=' }, big: { $bigint: '5' } },
  );
});

test('{"$double": n} reads whole numbers as whole doubles and others as plain numbers', (t) => {
  t.deepEqual(parseTagged('{"$double": 2}'), new WholeDouble(2));
  t.is(parseTagged('{"$double": 2.5}'), 2.5);
  t.throws(() => parseTagged('{"$double": "2"}'), { message: 'value: expected {"$double": ...} to hold a JSON number, got "2"' });
});

test('{"$bigint": ...} holds at most 64 bits, as <i8>, checked before BigInt reads it', (t) => {
  t.is(parseTagged('{"$bigint": "9223372036854775807"}'), 2n ** 63n - 1n);
  t.is(parseTagged('{"$bigint": "-9223372036854775808"}'), -(2n ** 63n));
  const expected = 'expected {"$bigint": ...} to hold a decimal integer of at most 64 bits (-9223372036854775808 to 9223372036854775807)';
  t.throws(() => parseTagged('{"x": {"$bigint": "9223372036854775808"}}', 'body'), {
    instanceOf: TaggedJsonError,
    message: `body.x: ${expected}, got "9223372036854775808"`,
  });
  t.throws(() => parseTagged('{"$bigint": "-00000000000000000000001"}'), { message: `value: ${expected}, got "-00000000000000000000001"` });
  // 900,000 digits would take BigInt seconds; the message quotes only their start.
  t.throws(() => parseTagged(JSON.stringify({ $bigint: '9'.repeat(900_000) })), {
    message: `value: ${expected}, got "${'9'.repeat(60)}"... (900000 characters)`,
  });
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
  t.throws(() => parseTagged('{"$bigint": 5}'), {
    message: 'value: expected {"$bigint": ...} to hold a decimal integer of at most 64 bits (-9223372036854775808 to 9223372036854775807), got 5',
  });
});

test('nesting deeper than the limit is refused, not a stack overflow', (t) => {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  t.throws(() => parseTagged(deep), { instanceOf: TaggedJsonError, message: /nested deeper than 100 levels/ });
});

import test from 'ava';
import { describeValue, describeWireType, describeWireValue, isWireStruct } from '../../wire/describe-value.ts';
import { WholeDouble } from '../../wire/whole-double.ts';

test('describeValue quotes the value and names its kind in JavaScript words', (t) => {
  t.is(describeValue(-1), '`-1` (number)');
  t.is(describeValue('junit'), '`junit` (string)');
  t.is(describeValue(undefined), '`undefined` (undefined)');
  t.is(describeValue(null), '`null` (null)');
  t.is(describeValue(['ok', '']), '`["ok",""]` (array)');
  t.is(describeValue({ junit: 1 }), '`{"junit":1}` (object)');
  t.is(describeValue(function build() {}), '`[function build]` (function)');
  t.is(describeValue(Symbol('token')), '`Symbol(token)` (symbol)');
});

test('describeValue names a class instance by its class, since "object" would hide the mistake', (t) => {
  t.is(describeValue(new Map()), '`{}` (Map)');
  t.is(describeValue(new URL('http://example.org/')), '`"http://example.org/"` (URL)');
  t.is(describeValue(Object.create(null)), '`{}` (object)');
});

test('describeValue shortens long values', (t) => {
  t.is(describeValue('x'.repeat(200)), `\`${'x'.repeat(120)}...\` (string)`);
});

test('describeWireValue and describeWireType speak the protocol\'s types', (t) => {
  t.is(describeWireValue(undefined), 'nothing');
  t.is(describeWireValue(4.5), '`4.5` (double)');
  t.is(describeWireValue(new WholeDouble(2)), '`2` (double)');
  t.is(describeWireValue(4), '`4` (int)');
  t.is(describeWireValue(2n ** 40n), '`1099511627776` (i8)');
  t.is(describeWireValue(Buffer.from('abc')), '`3 bytes` (base64)');
  t.is(describeWireValue(new Date('2024-05-01T12:00:00Z')), '`2024-05-01T12:00:00.000Z` (dateTime.iso8601)');
  t.is(describeWireValue({ a: [1] }), '`{"a":[1]}` (struct)');
  t.is(describeWireType(null), 'nil');
  t.is(describeWireType([]), 'array');
});

test('isWireStruct takes plain objects only', (t) => {
  t.true(isWireStruct({}));
  t.true(isWireStruct(Object.create(null)));
  for (const value of [null, [], new Date(), Buffer.from(''), new Map(), 'x']) {
    t.false(isWireStruct(value), String(value));
  }
});

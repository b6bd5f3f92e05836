import test from 'ava';
import { readWireNumber, readWireSeconds } from '../../wire/read-wire-number.ts';
import { toWireDouble, WholeDouble } from '../../wire/whole-double.ts';

test('a whole double reads, computes and prints as its number', (t) => {
  const double = new WholeDouble(2);
  t.is(double.value, 2);
  t.is(Number(double), 2);
  t.is(+double + 0.5, 2.5);
  t.true(+double > 1);
  t.is(String(double), '2');
  t.is(`${double} s`, '2 s');
  t.is(JSON.stringify({ duration: double }), '{"duration":2}');
  t.true(Object.isFrozen(double));
});

test('only a finite whole number other than -0 can be a WholeDouble', (t) => {
  for (const value of [2.5, Number.NaN, Number.POSITIVE_INFINITY, -0]) {
    t.throws(() => new WholeDouble(value), {
      instanceOf: RangeError,
      message: `A WholeDouble holds a finite whole number other than -0, got ${String(value)}`,
    });
  }
});

test('toWireDouble wraps whole doubles and leaves the rest plain', (t) => {
  t.deepEqual(toWireDouble(3), new WholeDouble(3));
  t.deepEqual(toWireDouble(1e300), new WholeDouble(1e300));
  t.is(toWireDouble(0.25), 0.25);
  t.true(Object.is(toWireDouble(-0), -0));
});

test('readWireNumber reads ints, doubles and whole doubles alike, and nothing else', (t) => {
  t.is(readWireNumber(7), 7);
  t.is(readWireNumber(0.5), 0.5);
  t.is(readWireNumber(new WholeDouble(7)), 7);
  for (const other of ['7', 7n, true, null, undefined, { value: 7 }, [7], new Date(7)]) {
    t.is(readWireNumber(other), undefined);
  }
});

test('readWireSeconds reads a finite duration not below zero', (t) => {
  t.is(readWireSeconds(new WholeDouble(2)), 2);
  t.is(readWireSeconds(0), 0);
  t.is(readWireSeconds(12.5), 12.5);
  for (const other of [-1, Number.NaN, Number.POSITIVE_INFINITY, '2', 2n, null]) {
    t.is(readWireSeconds(other), undefined);
  }
});

import test from 'ava';
import { formatIsoDate, parseIsoDate, parseMethodResponse, serializeMethodResponse } from '../../../wire/xmlrpc/index.ts';

// A zone far from UTC, so any use of local time shows; each test file runs in its own process.
process.env.TZ = 'America/New_York';

test('the process really is in a zone other than UTC', (t) => {
  t.not(new Date('2024-01-02T03:04:05Z').getTimezoneOffset(), 0);
});

test('dates are formatted in UTC as YYYYMMDDTHH:MM:SS', (t) => {
  t.is(formatIsoDate(new Date('2024-01-02T03:04:05Z')), '20240102T03:04:05');
  t.is(formatIsoDate(new Date('0999-12-31T23:59:59.999Z')), '09991231T23:59:59');
});

test('dates outside years 1..9999 are TypeErrors', (t) => {
  t.throws(() => formatIsoDate(new Date('+010000-01-01T00:00:00Z')), {
    instanceOf: TypeError,
    message: 'Cannot serialize the Date +010000-01-01T00:00:00.000Z to XML-RPC: its year is outside 1..9999',
  });
});

test('a date without a zone is read as UTC', (t) => {
  t.deepEqual(parseIsoDate('19980717T14:08:55'), new Date('1998-07-17T14:08:55Z'));
});

test('dashes, fractions, Z and offsets are accepted', (t) => {
  const instant = new Date('1998-07-17T14:08:55Z');
  t.deepEqual(parseIsoDate('1998-07-17T14:08:55'), instant);
  t.deepEqual(parseIsoDate('19980717T140855'), instant);
  t.deepEqual(parseIsoDate('1998-07-17T14:08:55Z'), instant);
  t.deepEqual(parseIsoDate('1998-07-17T16:08:55+02:00'), instant);
  t.deepEqual(parseIsoDate('19980717T09:38:55-0430'), instant);
  t.deepEqual(parseIsoDate('19980717T15:08:55+01'), instant);
  t.deepEqual(parseIsoDate('1998-07-17T14:08:55.25Z'), new Date('1998-07-17T14:08:55.250Z'));
  t.deepEqual(parseIsoDate(' 19980717T14:08:55\n'), instant);
});

test('years below 100 are not shifted into the 1900s', (t) => {
  t.is(parseIsoDate('00050101T00:00:00')?.getUTCFullYear(), 5);
});

test('impossible dates and other text are refused', (t) => {
  for (const text of ['19980230T00:00:00', '19981301T00:00:00', '19980717T24:00:00', '19980717T14:60:00', '19980717', 'T14:08:55', '19980717T14:08:55+25:00', '']) {
    t.is(parseIsoDate(text), undefined, text);
  }
});

test('a Date round-trips through a response in UTC at second precision', (t) => {
  const date = new Date('2024-07-01T23:30:15Z');
  const document = serializeMethodResponse(date);
  t.true(document.includes('<dateTime.iso8601>20240701T23:30:15</dateTime.iso8601>'));
  t.deepEqual(parseMethodResponse(document), date);
});

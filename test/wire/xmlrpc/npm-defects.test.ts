// Each test shows one defect of the npm `xmlrpc` package (1.3.2) on the package itself,
// then shows our module getting the same case right.
import test from 'ava';
import type { WireValue } from '../../../wire/types.ts';
import {
  parseMethodCall,
  parseMethodResponse,
  serializeMethodCall,
  serializeMethodResponse,
  XmlRpcParseError,
} from '../../../wire/xmlrpc/index.ts';
import { makeCallDocument, makeNestedArrays, makeResponseDocument } from './helpers/documents.ts';
import { parseCallWithNpm, parseResponseWithNpm, serializeCallWithNpm } from './helpers/npm-xmlrpc.ts';

const INJECTION = 'a ]]> b ]]></string></value></param><param><value><string>injected';

test('a log line holding "]]>" twice cannot inject a parameter', async (t) => {
  // npm escapes only the first "]]>" inside its CDATA section.
  const npmParams = (await parseCallWithNpm(serializeCallWithNpm('add_results', [INJECTION]))).params;
  t.deepEqual(npmParams, ['a ]]> b ', 'injected]]>']);

  const document = serializeMethodCall('add_results', [INJECTION]);
  t.false(document.includes('CDATA'));
  t.deepEqual(parseMethodCall(document).params, [INJECTION]);
});

test('ANSI colour codes round-trip exactly', async (t) => {
  const colored = '\x1b[31mred\x1b[0m';
  t.throws(() => serializeCallWithNpm('m', [colored]), { message: /Invalid character/ });

  const [received] = parseMethodCall(serializeMethodCall('m', [colored])).params;
  t.is((received as Buffer).toString('utf8'), colored);
});

test('2**40 is sent as <i8>, not an out-of-range <int>', (t) => {
  t.true(serializeCallWithNpm('m', [2 ** 40]).includes('<int>1099511627776</int>'));

  const document = serializeMethodCall('m', [2 ** 40]);
  t.true(document.includes('<i8>1099511627776</i8>'));
  t.deepEqual(parseMethodCall(document).params, [2 ** 40]);
});

test('a bigint is sent as <i8>, not dropped', async (t) => {
  t.deepEqual((await parseCallWithNpm(serializeCallWithNpm('m', [2n ** 62n]))).params, ['']);

  t.deepEqual(parseMethodCall(serializeMethodCall('m', [2n ** 62n])).params, [2n ** 62n]);
});

test('<i8> is read as a number or bigint, not a string', async (t) => {
  const document = makeCallDocument('m', ['<value><i8>4611686018427387904</i8></value>', '<value><i8>42</i8></value>']);
  t.deepEqual((await parseCallWithNpm(document)).params, ['4611686018427387904', '42']);

  t.deepEqual(parseMethodCall(document).params, [4611686018427387904n, 42]);
});

test('NaN is a clear error, not <double>NaN</double>', (t) => {
  t.true(serializeCallWithNpm('m', [Number.NaN]).includes('<double>NaN</double>'));

  t.throws(() => serializeMethodCall('m', [Number.NaN]), {
    instanceOf: TypeError,
    message: 'Cannot serialize NaN at params[0]: XML-RPC has no representation for NaN or infinities',
  });
});

test('a Date goes out in UTC whatever the local zone', (t) => {
  const previousZone = process.env.TZ;
  process.env.TZ = 'Asia/Kolkata';
  t.teardown(() => {
    process.env.TZ = previousZone;
  });
  const date = new Date('2024-01-02T03:04:05Z');
  t.true(serializeCallWithNpm('m', [date]).includes('<dateTime.iso8601>20240102T08:34:05</dateTime.iso8601>'));

  const document = serializeMethodCall('m', [date]);
  t.true(document.includes('<dateTime.iso8601>20240102T03:04:05</dateTime.iso8601>'));
  t.deepEqual(parseMethodCall(document).params, [date]);
});

test('a __proto__ member stays an own property and never replaces the prototype', async (t) => {
  const document = makeCallDocument('m', [
    '<value><struct><member><name>__proto__</name><value><struct>' +
      '<member><name>isAdmin</name><value><boolean>1</boolean></value></member></struct></value></member></struct></value>',
  ]);
  const npmStruct = (await parseCallWithNpm(document)).params[0] as Record<string, unknown>;
  t.deepEqual(Object.keys(npmStruct), []);
  t.is(npmStruct['isAdmin'], true);

  const struct = parseMethodCall(document).params[0] as Record<string, unknown>;
  t.deepEqual(Object.keys(struct), ['__proto__']);
  t.is(Object.getPrototypeOf(struct), Object.prototype);
  t.is(struct['isAdmin'], undefined);
  t.is(({} as Record<string, unknown>)['isAdmin'], undefined);
});

test('100,000 levels of nesting are refused instead of handed on', async (t) => {
  const document = makeCallDocument('m', [makeNestedArrays(100_000)]);
  // npm builds the value, and the first recursive consumer overflows the stack.
  const [npmValue] = (await parseCallWithNpm(document)).params;
  t.throws(() => JSON.stringify(npmValue), { instanceOf: RangeError });

  t.throws(() => parseMethodCall(document), { instanceOf: XmlRpcParseError, message: /^nesting deeper than 64 values/ });
});

test('a DOCTYPE is refused, not silently ignored', async (t) => {
  const document =
    '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY e "expanded">]><methodCall><methodName>m</methodName>' +
    '<params><param><value><string>&e;</string></value></param></params></methodCall>';
  t.deepEqual((await parseCallWithNpm(document)).params, ['&e;']);

  t.throws(() => parseMethodCall(document), { instanceOf: XmlRpcParseError, message: /^DOCTYPE is not allowed/ });
});

test('unbalanced tags are refused', async (t) => {
  const document = makeCallDocument('m', ['<value><struct></array></value>']);
  t.deepEqual((await parseCallWithNpm(document)).params, [{}]);

  t.throws(() => parseMethodCall(document), {
    instanceOf: XmlRpcParseError,
    message: /^unbalanced tag: expected <\/struct>, found <\/array>/,
  });
});

test('an <int> with trailing junk is refused, not truncated', async (t) => {
  const document = makeCallDocument('m', ['<value><int>12abc</int></value>']);
  t.deepEqual((await parseCallWithNpm(document)).params, [12]);

  t.throws(() => parseMethodCall(document), { instanceOf: XmlRpcParseError, message: /^invalid <int> value '12abc'/ });
});

test('Apache\'s <ex:nil/> is read as nil', async (t) => {
  const document = makeResponseDocument('<value><ex:nil/></value>');
  await t.throwsAsync(parseResponseWithNpm(document), { message: "Unknown XML-RPC tag 'EX:NIL'" });

  t.is(parseMethodResponse(document), null);
});

test('a struct member whose value is undefined is omitted, not sent as an empty string', async (t) => {
  const value = { kept: 1, missing: undefined } as unknown as WireValue;
  t.deepEqual((await parseCallWithNpm(serializeCallWithNpm('m', [value]))).params, [{ kept: 1, missing: '' }]);

  t.deepEqual(parseMethodResponse(serializeMethodResponse(value)), { kept: 1 });
});

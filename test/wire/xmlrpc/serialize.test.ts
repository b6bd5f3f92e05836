import test from 'ava';
import { serializeFault, serializeMethodCall, serializeMethodResponse } from '../../../wire/xmlrpc/index.ts';
import type { WireValue } from '../../../wire/types.ts';
import { WholeDouble } from '../../../wire/whole-double.ts';
import { writeValueXml } from './helpers/documents.ts';

test('a method call has the declaration, the name and one <param> per value', (t) => {
  t.is(
    serializeMethodCall('add_results', ['a', 1]),
    '<?xml version="1.0"?>\n<methodCall>\n<methodName>add_results</methodName>\n<params>\n' +
      '<param><value><string>a</string></value></param>\n<param><value><int>1</int></value></param>\n' +
      '</params>\n</methodCall>\n',
  );
});

test('a method response holds exactly one param', (t) => {
  t.is(
    serializeMethodResponse(true),
    '<?xml version="1.0"?>\n<methodResponse>\n<params>\n<param><value><boolean>1</boolean></value></param>\n</params>\n</methodResponse>\n',
  );
});

test('a fault carries an int faultCode and a string faultString', (t) => {
  t.is(
    serializeFault(1, 'unknown method <x> & more'),
    '<?xml version="1.0"?>\n<methodResponse>\n<fault>\n<value><struct>\n' +
      '<member><name>faultCode</name><value><int>1</int></value></member>\n' +
      '<member><name>faultString</name><value><string>unknown method &lt;x&gt; &amp; more</string></value></member>\n' +
      '</struct></value>\n</fault>\n</methodResponse>\n',
  );
});

test('a fault string keeps being a string when it holds characters XML cannot carry', (t) => {
  t.true(serializeFault(2, 'bad\x1bthing').includes('<string>bad\uFFFDthing</string>'));
});

test('a fault code must be a 32-bit integer', (t) => {
  t.throws(() => serializeFault(1.5, 'x'), { instanceOf: TypeError, message: 'Expected faultCode to be a 32-bit integer, got `1.5` (number)' });
});

test('every &, < and > in a string is escaped, never wrapped in CDATA', (t) => {
  t.is(writeValueXml('a<b && c>d ]]> e ]]>'), '<value><string>a&lt;b &amp;&amp; c&gt;d ]]&gt; e ]]&gt;</string></value>');
});

test('a carriage return is written as a reference so parsers do not turn it into a line feed', (t) => {
  t.is(writeValueXml('progress\r100%\r\n'), '<value><string>progress&#13;100%&#13;\n</string></value>');
});

test('tabs, line feeds and non-ASCII text stay plain strings', (t) => {
  t.is(writeValueXml('a\tb\nc é 😀'), '<value><string>a\tb\nc é 😀</string></value>');
});

for (const [label, text] of [
  ['ESC from ANSI colours', '\x1b[31mred\x1b[0m'],
  ['NUL', 'a\x00b'],
  ['form feed', 'page\x0cbreak'],
  ['a lone surrogate', 'half \uD800 pair'],
  ['U+FFFE', 'x\uFFFEy'],
  ['U+FFFF', 'x\uFFFFy'],
] as const) {
  test(`a string holding ${label} is sent as base64 of its UTF-8 bytes`, (t) => {
    t.is(writeValueXml(text), `<value><base64>${Buffer.from(text, 'utf8').toString('base64')}</base64></value>`);
  });
}

test('integers in the int32 range are <int>', (t) => {
  t.is(writeValueXml(2 ** 31 - 1), '<value><int>2147483647</int></value>');
  t.is(writeValueXml(-(2 ** 31)), '<value><int>-2147483648</int></value>');
});

test('integers beyond int32 are <i8>', (t) => {
  t.is(writeValueXml(2 ** 31), '<value><i8>2147483648</i8></value>');
  t.is(writeValueXml(-(2 ** 40)), '<value><i8>-1099511627776</i8></value>');
  t.is(writeValueXml(Number.MAX_SAFE_INTEGER), '<value><i8>9007199254740991</i8></value>');
});

test('bigints are <i8> when they fit in signed 64 bits', (t) => {
  t.is(writeValueXml(2n ** 63n - 1n), '<value><i8>9223372036854775807</i8></value>');
  t.is(writeValueXml(-(2n ** 63n)), '<value><i8>-9223372036854775808</i8></value>');
  t.is(writeValueXml(7n), '<value><i8>7</i8></value>');
});

test('a bigint beyond 64 bits is a clear TypeError', (t) => {
  t.throws(() => serializeMethodCall('m', [2n ** 63n]), {
    instanceOf: TypeError,
    message: 'Cannot serialize the bigint 9223372036854775808 at params[0]: <i8> holds only signed 64-bit integers',
  });
});

test('non-integers and integers beyond 64 bits are <double>', (t) => {
  t.is(writeValueXml(1.25), '<value><double>1.25</double></value>');
  t.is(writeValueXml(-0.001), '<value><double>-0.001</double></value>');
  t.is(writeValueXml(1e300), '<value><double>1e+300</double></value>');
  t.is(writeValueXml(-0), '<value><double>0</double></value>');
});

test('a whole double is <double> written as Python writes a whole float', (t) => {
  t.is(writeValueXml(new WholeDouble(2)), '<value><double>2.0</double></value>');
  t.is(writeValueXml(new WholeDouble(-1_700_000_000)), '<value><double>-1700000000.0</double></value>');
  t.is(writeValueXml(new WholeDouble(2 ** 53)), '<value><double>9007199254740992.0</double></value>');
  t.is(writeValueXml(new WholeDouble(1e300)), '<value><double>1e+300</double></value>');
});

for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
  test(`${value} is a TypeError naming the value and where it was`, (t) => {
    t.throws(() => serializeMethodCall('add_results', [{ package: 'p' }, [{ duration: value }]]), {
      instanceOf: TypeError,
      message: `Cannot serialize ${value} at params[1][0].duration: XML-RPC has no representation for NaN or infinities`,
    });
  });
}

test('booleans are 1 and 0', (t) => {
  t.is(writeValueXml(false), '<value><boolean>0</boolean></value>');
});

test('null and undefined are <nil/>', (t) => {
  t.is(writeValueXml(null), '<value><nil/></value>');
  t.is(writeValueXml([undefined] as unknown as WireValue), '<value><array><data><value><nil/></value></data></array></value>');
});

test('a Date is written in UTC without a zone suffix', (t) => {
  t.is(writeValueXml(new Date('2024-02-29T23:59:58.900+05:00')), '<value><dateTime.iso8601>20240229T18:59:58</dateTime.iso8601></value>');
});

test('an invalid Date is a TypeError', (t) => {
  t.throws(() => writeValueXml(new Date(Number.NaN)), { instanceOf: TypeError, message: 'Cannot serialize an invalid Date to XML-RPC' });
});

test('Buffers and Uint8Arrays are <base64> of exactly their bytes', (t) => {
  t.is(writeValueXml(Buffer.from([0, 255, 10])), '<value><base64>AP8K</base64></value>');
  const view = new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4);
  t.is(writeValueXml(view as unknown as WireValue), '<value><base64>AQID</base64></value>');
});

test('arrays and structs nest, and member names are escaped', (t) => {
  t.is(
    writeValueXml({ 'a<b&c>': [1, { x: 'y' }], empty: [] }),
    '<value><struct><member><name>a&lt;b&amp;c&gt;</name><value><array><data><value><int>1</int></value>' +
      '<value><struct><member><name>x</name><value><string>y</string></value></member></struct></value>' +
      '</data></array></value></member><member><name>empty</name><value><array><data></data></array></value></member></struct></value>',
  );
});

test('struct members whose value is undefined are omitted', (t) => {
  t.is(writeValueXml({ a: undefined, b: null }), '<value><struct><member><name>b</name><value><nil/></value></member></struct></value>');
});

test('a member name XML cannot carry is a TypeError', (t) => {
  t.throws(() => writeValueXml({ 'a\x1b': 1 }), {
    instanceOf: TypeError,
    message: 'Cannot serialize the struct member name "a\\u001b" at result: it holds characters XML 1.0 cannot carry',
  });
});

test('a cyclic structure is a TypeError, while shared non-cyclic values are fine', (t) => {
  const shared = [1];
  const sharedXml = '<value><array><data><value><int>1</int></value></data></array></value>';
  t.is(writeValueXml([shared, shared]), `<value><array><data>${sharedXml}${sharedXml}</data></array></value>`);
  const cyclic: WireValue[] = [];
  cyclic.push(cyclic);
  t.throws(() => serializeMethodCall('m', [cyclic]), {
    instanceOf: TypeError,
    message: 'Cannot serialize a cyclic structure to XML-RPC: params[0][0] contains itself',
  });
});

test('values XML-RPC has no type for are TypeErrors naming them', (t) => {
  t.throws(() => serializeMethodCall('m', [new Map() as unknown as WireValue]), {
    instanceOf: TypeError,
    message: 'Cannot serialize `{}` (Map) at params[0] to XML-RPC',
  });
  t.throws(() => serializeMethodCall('m', [{ 'odd key': (() => 1) as unknown as WireValue }]), {
    instanceOf: TypeError,
    message: 'Cannot serialize `[function odd key]` (function) at params[0]["odd key"] to XML-RPC',
  });
  t.throws(() => serializeMethodCall('m', [[Symbol('token') as unknown as WireValue]]), {
    instanceOf: TypeError,
    message: 'Cannot serialize `Symbol(token)` (symbol) at params[0][0] to XML-RPC',
  });
});

test('serializing 100,000 nested arrays does not overflow the stack', (t) => {
  let value: WireValue = 1;
  for (let depth = 0; depth < 100_000; depth++) {
    value = [value];
  }
  t.true(writeValueXml(value).startsWith('<value><array><data><value><array>'));
});

test('the method name must be a non-empty string', (t) => {
  t.throws(() => serializeMethodCall('', []), {
    instanceOf: TypeError,
    message: 'Expected the XML-RPC method name to be a non-empty string XML can carry, got `""`',
  });
});

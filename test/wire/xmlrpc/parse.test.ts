import test from 'ava';
import {
  parseMethodCall,
  parseMethodResponse,
  serializeMethodResponse,
  XmlRpcFault,
  XmlRpcParseError,
} from '../../../wire/xmlrpc/index.ts';
import { WholeDouble } from '../../../wire/whole-double.ts';
import { makeCallDocument, makeResponseDocument } from './helpers/documents.ts';

function parseValue(valueXml: string): unknown {
  return parseMethodResponse(makeResponseDocument(valueXml));
}

function parseFailure(valueXml: string): string {
  const error = parseFailureError(makeResponseDocument(valueXml));
  return error.reason;
}

function parseFailureError(document: string | Buffer): XmlRpcParseError {
  try {
    parseMethodResponse(document);
  } catch (error) {
    if (error instanceof XmlRpcParseError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a parse error');
}

test('a method call gives its name and params', (t) => {
  t.deepEqual(parseMethodCall(makeCallDocument('get_results', ['<value><int>7</int></value>', '<value>x</value>'])), {
    methodName: 'get_results',
    params: [7, 'x'],
  });
});

test('a method call without <params> has no params', (t) => {
  t.deepEqual(parseMethodCall('<methodCall><methodName>system.listMethods</methodName></methodCall>'), {
    methodName: 'system.listMethods',
    params: [],
  });
});

test('surrounding whitespace in <methodName> is ignored', (t) => {
  t.is(parseMethodCall('<methodCall>\n  <methodName>\n    add_results\n  </methodName>\n</methodCall>').methodName, 'add_results');
});

test('<int>, <i4> and <i8> give numbers when safe', (t) => {
  t.is(parseValue('<value><int>-42</int></value>'), -42);
  t.is(parseValue('<value><i4>+17</i4></value>'), 17);
  t.is(parseValue('<value><i8>9007199254740991</i8></value>'), Number.MAX_SAFE_INTEGER);
  t.is(parseValue('<value><int> 5 </int></value>'), 5);
});

test('integers beyond the safe range give bigints', (t) => {
  t.is(parseValue('<value><i8>9007199254740993</i8></value>'), 9007199254740993n);
  t.is(parseValue('<value><i8>-9223372036854775808</i8></value>'), -(2n ** 63n));
});

test('integers beyond 64 bits are refused', (t) => {
  t.is(parseFailure('<value><i8>9223372036854775808</i8></value>'), "invalid <i8> value '9223372036854775808'");
});

test('<double> gives a number, with or without exponent', (t) => {
  t.is(parseValue('<value><double>-1.5</double></value>'), -1.5);
  t.deepEqual(parseValue('<value><double>1e+100</double></value>'), new WholeDouble(1e100));
  t.is(parseValue('<value><double>.5</double></value>'), 0.5);
});

test('a whole <double> stays a double, apart from an <int> of the same value', (t) => {
  const double = parseValue('<value><double>2.0</double></value>');
  t.true(double instanceof WholeDouble);
  t.is((double as WholeDouble).value, 2);
  t.deepEqual(parseValue('<value><double>-3</double></value>'), new WholeDouble(-3));
  t.is(parseValue('<value><int>2</int></value>'), 2);
  // -0 has no int to be mistaken for, so it stays a plain number.
  t.true(Object.is(parseValue('<value><double>-0.0</double></value>'), -0));
});

test('<boolean> accepts only 0 and 1', (t) => {
  t.is(parseValue('<value><boolean>1</boolean></value>'), true);
  t.is(parseValue('<value><boolean>0</boolean></value>'), false);
  t.is(parseFailure('<value><boolean>2</boolean></value>'), "invalid <boolean> value '2'");
  t.is(parseFailure('<value><boolean>true</boolean></value>'), "invalid <boolean> value 'true'");
});

test('malformed numbers are errors quoting the text', (t) => {
  t.is(parseFailure('<value><int>abc</int></value>'), "invalid <int> value 'abc'");
  t.is(parseFailure('<value><int>12abc</int></value>'), "invalid <int> value '12abc'");
  t.is(parseFailure('<value><int></int></value>'), "invalid <int> value ''");
  t.is(parseFailure('<value><double>NaN</double></value>'), "invalid <double> value 'NaN'");
  t.is(parseFailure('<value><double>1e999</double></value>'), "invalid <double> value '1e999'");
});

test('<string> keeps its whitespace exactly', (t) => {
  t.is(parseValue('<value><string>  two\n lines\t </string></value>'), '  two\n lines\t ');
});

test('an untyped <value> is a string, whitespace included', (t) => {
  t.is(parseValue('<value>  plain </value>'), '  plain ');
});

test('empty values and strings are the empty string', (t) => {
  t.is(parseValue('<value/>'), '');
  t.is(parseValue('<value></value>'), '');
  t.is(parseValue('<value><string/></value>'), '');
  t.is(parseValue('<value><string></string></value>'), '');
});

test('whitespace around a typed value is ignored', (t) => {
  t.is(parseValue('<value>\n  <int>3</int>\n</value>'), 3);
});

test('the five predefined entities and character references are decoded', (t) => {
  t.is(
    parseValue('<value><string>&lt;a&gt; &amp;&amp; &quot;q&quot; &apos;s&apos; &#65;&#x42;&#x1F600; &#13;&#10;</string></value>'),
    '<a> && "q" \'s\' AB😀 \r\n',
  );
});

test('references that only look like the common ones are decoded by their own value', (t) => {
  t.is(parseValue('<value>&#130;&#1;&#x0041;&#0013;&amp;lt;&#59;</value>'), '\x82\x01A\r&lt;;');
});

test('long text with references decodes beyond any scratch space', (t) => {
  const text = '<tag> & "quoted" é 😀\r\n'.repeat(200_000);
  t.is(parseMethodResponse(serializeMethodResponse(text)), text);
  t.is(parseValue('<value>&lt;ok&gt;</value>'), '<ok>');
});

test('an unknown entity or a bare ampersand is an error', (t) => {
  t.is(parseFailure('<value><string>&nbsp;</string></value>'), "unknown entity '&nbsp;'");
  t.is(parseFailure('<value>&#x110000;</value>'), "unknown entity '&#x110000;'");
  t.is(parseFailure('<value>&#12a;</value>'), "unknown entity '&#12a;'");
  t.is(parseFailure('<value><string>fish & chips</string></value>'), "unterminated entity reference '& chips'");
});

test('CDATA sections are accepted and not decoded', (t) => {
  t.is(parseValue('<value><string>a<![CDATA[<b> &amp; ]]]]><![CDATA[>]]>c</string></value>'), 'a<b> &amp; ]]>c');
});

test('comments and processing instructions are skipped', (t) => {
  t.is(parseValue('<!-- note --><value><string>a<!-- x -->b<?pi data?>c</string></value>'), 'abc');
});

test('<nil/> and Apache\'s <ex:nil/> give null', (t) => {
  t.is(parseValue('<value><nil/></value>'), null);
  t.is(parseValue('<value><nil></nil></value>'), null);
  t.is(
    parseMethodResponse(
      '<?xml version="1.0" encoding="UTF-8"?><methodResponse xmlns:ex="http://ws.apache.org/xmlrpc/namespaces/extensions">' +
        '<params><param><value><ex:nil/></value></param></params></methodResponse>',
    ),
    null,
  );
});

test('<base64> gives a Buffer, whitespace and line breaks allowed', (t) => {
  t.deepEqual(parseValue('<value><base64>\n  AP8K\nAQID\n</base64></value>'), Buffer.from([0, 255, 10, 1, 2, 3]));
  t.deepEqual(parseValue('<value><base64></base64></value>'), Buffer.alloc(0));
});

test('malformed base64 is an error', (t) => {
  t.is(parseFailure('<value><base64>AP8K!</base64></value>'), "invalid <base64> value 'AP8K!'");
  t.is(parseFailure('<value><base64>A</base64></value>'), "invalid <base64> value 'A'");
});

test('<dateTime.iso8601> gives a Date', (t) => {
  t.deepEqual(parseValue('<value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value>'), new Date('1998-07-17T14:08:55Z'));
  t.is(parseFailure('<value><dateTime.iso8601>yesterday</dateTime.iso8601></value>'), "invalid <dateTime.iso8601> value 'yesterday'");
});

test('arrays and structs build nested values', (t) => {
  t.deepEqual(
    parseValue(
      '<value><struct>\n<member><name>tags</name><value><array><data>\n<value>a</value><value><string>b</string></value>\n' +
        '</data></array></value></member>\n<member><name>empty</name><value><array><data/></array></value></member>\n' +
        '<member><name>inner</name><value><struct></struct></value></member></struct></value>',
    ),
    { tags: ['a', 'b'], empty: [], inner: {} },
  );
});

test('a struct member may carry any name, including an empty one', (t) => {
  t.deepEqual(parseValue('<value><struct><member><name></name><value>v</value></member></struct></value>'), { '': 'v' });
});

test('a repeated member name keeps the last value, as Python does', (t) => {
  t.deepEqual(
    parseValue('<value><struct><member><name>a</name><value>1</value></member><member><name>a</name><value>2</value></member></struct></value>'),
    { a: '2' },
  );
});

test('a fault response is thrown as XmlRpcFault', (t) => {
  const document =
    '<?xml version="1.0"?><methodResponse><fault><value><struct>' +
    '<member><name>faultCode</name><value><int>4</int></value></member>' +
    '<member><name>faultString</name><value><string>Too many parameters.</string></value></member>' +
    '</struct></value></fault></methodResponse>';
  const error = t.throws(() => parseMethodResponse(document), { instanceOf: XmlRpcFault });
  t.is(error?.faultCode, 4);
  t.is(error?.faultString, 'Too many parameters.');
  t.is(error?.message, 'XML-RPC fault 4: Too many parameters.');
});

test('a fault without an integer faultCode is a parse error', (t) => {
  const document = '<methodResponse><fault><value><struct><member><name>faultString</name><value>x</value></member></struct></value></fault></methodResponse>';
  t.is(parseFailureError(document).reason, 'a <fault> must hold an integer faultCode, found nothing');
});

test('a fault that is not a struct, or holds the wrong types, is named in the protocol\'s words', (t) => {
  const fault = (valueXml: string) => parseFailureError(`<methodResponse><fault>${valueXml}</fault></methodResponse>`).reason;
  t.is(fault('<value><array><data><value><int>4</int></value></data></array></value>'), 'a <fault> must hold a struct, found `[4]` (array)');
  t.is(
    fault('<value><struct><member><name>faultCode</name><value><double>4.5</double></value></member></struct></value>'),
    'a <fault> must hold an integer faultCode, found `4.5` (double)',
  );
  t.is(
    fault(
      '<value><struct><member><name>faultCode</name><value><int>4</int></value></member>' +
        '<member><name>faultString</name><value><boolean>1</boolean></value></member></struct></value>',
    ),
    'a <fault> must hold a string faultString, found `true` (boolean)',
  );
});

test('a Buffer is decoded as UTF-8 unless the declaration names another encoding', (t) => {
  t.is(parseMethodResponse(Buffer.from(makeResponseDocument('<value>é😀</value>'))), 'é😀');
  const latin1 = Buffer.from("<?xml version='1.0' encoding='iso-8859-1'?><methodResponse><params><param><value>caf\xe9</value></param></params></methodResponse>", 'latin1');
  t.is(parseMethodResponse(latin1), 'café');
  t.is(parseMethodResponse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(makeResponseDocument('<value>x</value>'))])), 'x');
});

test('bytes that are not valid UTF-8 are an error', (t) => {
  const document = Buffer.concat([Buffer.from(makeResponseDocument('<value>').slice(0, -10)), Buffer.from([0xff, 0xfe])]);
  t.is(parseFailureError(document).reason, 'document is not valid utf-8');
});

test('an encoding we cannot decode is named', (t) => {
  t.is(parseFailureError(Buffer.from("<?xml version='1.0' encoding='klingon'?><methodResponse/>")).reason, "unsupported encoding 'klingon'");
});

test('a parse error carries its line and column', (t) => {
  const error = parseFailureError('<methodResponse>\n<params>\n  <param><value><int>x</int></value></param></params></methodResponse>');
  t.deepEqual(error.position, { line: 3, column: 23 });
  t.is(error.message, "invalid <int> value 'x' (line 3, column 23)");
});

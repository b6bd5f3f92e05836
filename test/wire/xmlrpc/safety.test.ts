import test from 'ava';
import {
  parseMethodCall,
  parseMethodResponse,
  serializeMethodCall,
  XmlRpcParseError,
  type XmlRpcLimits,
} from '../../../wire/xmlrpc/index.ts';
import type { WireValue } from '../../../wire/types.ts';
import { makeCallDocument, makeNestedArrays } from './helpers/documents.ts';

function parseCallFailure(document: string | Buffer, limits?: XmlRpcLimits): string {
  try {
    parseMethodCall(document, limits);
  } catch (error) {
    if (error instanceof XmlRpcParseError) {
      return error.reason;
    }
    throw error;
  }
  throw new Error('expected a parse error');
}

test('a DOCTYPE is refused before any entity could be expanded', (t) => {
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
    makeCallDocument('m', ['<value>&lol2;</value>']).replace('<?xml version="1.0"?>', '');
  t.is(parseCallFailure(laughs), 'DOCTYPE is not allowed');
});

test('100,000 levels of nesting give a parse error, not a stack overflow', (t) => {
  t.is(parseCallFailure(makeCallDocument('m', [makeNestedArrays(100_000)])), 'nesting deeper than 64 values');
});

test('100,000 levels of struct nesting give a parse error', (t) => {
  const depth = 100_000;
  const document = makeCallDocument('m', [
    '<value><struct><member><name>a</name>'.repeat(depth) + '<value/>' + '</member></struct></value>'.repeat(depth),
  ]);
  t.is(parseCallFailure(document), 'nesting deeper than 64 values');
});

test('nesting up to maxDepth values is accepted', (t) => {
  // 63 arrays around an int: 64 values deep.
  const nested = Array.from({ length: 63 }).reduce<WireValue>((inner) => [inner], 1);
  t.deepEqual(parseMethodCall(makeCallDocument('m', [makeNestedArrays(63)])), { methodName: 'm', params: [nested] });
  t.is(parseCallFailure(makeCallDocument('m', [makeNestedArrays(64)])), 'nesting deeper than 64 values');
  t.is(parseCallFailure(makeCallDocument('m', [makeNestedArrays(3)]), { maxDepth: 3 }), 'nesting deeper than 3 values');
});

test('a document over maxBytes is refused before parsing', (t) => {
  const document = serializeMethodCall('m', ['x'.repeat(2000)]);
  t.is(parseCallFailure(document, { maxBytes: 1000 }), `document larger than 1000 bytes (at least ${document.length} bytes)`);
  t.is(parseCallFailure(Buffer.from(document), { maxBytes: 1000 }), `document larger than 1000 bytes (${document.length} bytes)`);
  t.deepEqual(parseMethodCall(document, { maxBytes: document.length }), { methodName: 'm', params: ['x'.repeat(2000)] });
});

test('maxBytes counts UTF-8 bytes of a string, not UTF-16 units', (t) => {
  const document = serializeMethodCall('m', ['é'.repeat(600)]);
  t.true(document.length < 1000);
  t.is(parseCallFailure(document, { maxBytes: 1000 }), `document larger than 1000 bytes (at least ${Buffer.byteLength(document)} bytes)`);
});

test('the default limit is 64 MiB', (t) => {
  const document = Buffer.alloc(64 * 1024 * 1024 + 1, 0x20);
  t.is(parseCallFailure(document), `document larger than 67108864 bytes (67108865 bytes)`);
});

test('invalid limits are TypeErrors', (t) => {
  t.throws(() => parseMethodCall('<methodCall/>', { maxDepth: 0 }), {
    instanceOf: TypeError,
    message: 'Expected the `maxDepth` limit to be a positive integer, got `0` (number)',
  });
});

test('mismatched end tags are errors naming both tags', (t) => {
  t.is(
    parseCallFailure(makeCallDocument('m', ['<value><struct></array></value>'])),
    'unbalanced tag: expected </struct>, found </array>',
  );
  t.is(parseCallFailure(makeCallDocument('m', ['<value><string>a</value>'])), 'unbalanced tag: expected </string>, found </value>');
});

test('an element left open at the end is an error', (t) => {
  t.is(parseCallFailure('<methodCall><methodName>m</methodName><params>'), 'unexpected end of document: <params> is not closed');
});

test('an end tag with nothing open is an error', (t) => {
  t.is(parseCallFailure('</methodCall>'), 'unexpected end tag </methodCall>');
});

test('the wrong root element is an error', (t) => {
  t.is(parseCallFailure('<methodResponse><params/></methodResponse>'), 'wrong root element <methodResponse>, expected <methodCall>');
  t.throws(() => parseMethodResponse('<methodCall><methodName>m</methodName></methodCall>'), {
    instanceOf: XmlRpcParseError,
    message: 'wrong root element <methodCall>, expected <methodResponse> (line 1, column 1)',
  });
});

test('a call without <methodName> is an error', (t) => {
  t.is(parseCallFailure('<methodCall><params/></methodCall>'), '<methodCall> without <methodName>');
  t.is(parseCallFailure('<methodCall><methodName> </methodName></methodCall>'), 'empty <methodName>');
});

test('an empty document is an error', (t) => {
  t.is(parseCallFailure(''), 'no <methodCall> element in the document');
  t.is(parseCallFailure('<?xml version="1.0"?>\n'), 'no <methodCall> element in the document');
});

test('a response must hold exactly one param', (t) => {
  t.throws(() => parseMethodResponse('<methodResponse><params></params></methodResponse>'), {
    instanceOf: XmlRpcParseError,
    message: 'a method response must hold exactly one <param>, found 0 (line 1, column 25)',
  });
});

test('structure errors name what was found and where', (t) => {
  const failures: Array<[string, string]> = [
    ['<value><foo>1</foo></value>', 'unknown value type <foo>'],
    ['<value><int>1</int><int>2</int></value>', 'more than one value inside <value>: unexpected <int>'],
    ['<value>text<int>1</int></value>', "unexpected text 'text' before <int> inside <value>"],
    ['<value><int>1</int>tail</value>', "unexpected text 'tail' after the value inside <value>"],
    ['<value><array><value/></array></value>', 'unexpected <value> inside <array>, expected <data>'],
    ['<value><array></array></value>', '<array> without <data>'],
    ['<value><struct><value/></struct></value>', 'unexpected <value> inside <struct>, expected <member>'],
    ['<value><struct>stray</struct></value>', "unexpected text 'stray' inside <struct>"],
    ['<value><struct><member><value/></member></struct></value>', '<value> before <name> inside <member>'],
    ['<value><struct><member><name>a</name></member></struct></value>', '<member> without <value>'],
    ['<value><struct><member></member></struct></value>', '<member> without <name>'],
    ['<value><int><b>1</b></int></value>', 'unexpected <b> inside <int>'],
    ['<value><nil>x</nil></value>', "invalid <nil> value 'x'"],
  ];
  for (const [valueXml, reason] of failures) {
    t.is(parseCallFailure(makeCallDocument('m', [valueXml])), reason, valueXml);
  }
  t.is(parseCallFailure('<methodCall><methodName>m</methodName><params><param></param></params></methodCall>'), '<param> without <value>');
  t.is(parseCallFailure('<methodCall><methodName>m</methodName><params><value/></params></methodCall>'), 'unexpected <value> inside <params>, expected <param>');
  t.is(parseCallFailure('<methodCall><methodName>m</methodName></methodCall><methodCall/>'), 'unexpected <methodCall> after the root element');
  t.is(parseCallFailure('<methodCall><methodName>m</methodName></methodCall>junk'), "unexpected text 'junk' after the root element");
});

test('malformed markup is an error', (t) => {
  t.is(parseCallFailure('<methodCall><methodName>m</methodName><!-- open'), 'unterminated comment');
  t.is(parseCallFailure('<methodCall><methodName>m</methodName><![CDATA[x'), 'unterminated CDATA section');
  t.is(parseCallFailure('<methodCall><methodName'), 'unterminated start tag');
  t.is(parseCallFailure('<methodCall a=b>'), "malformed attribute 'a=b>'");
  t.is(parseCallFailure('<methodCall></methodCall'), 'unterminated end tag');
  t.is(parseCallFailure('<>'), "invalid tag '<>'");
  t.is(parseCallFailure('<!ELEMENT x>'), "unexpected markup '<!ELEMENT x>'");
});

test('a member named __proto__ or constructor is an own property and the prototype stays', (t) => {
  const document = makeCallDocument('m', [
    '<value><struct>' +
      '<member><name>__proto__</name><value><struct><member><name>polluted</name><value><boolean>1</boolean></value></member></struct></value></member>' +
      '<member><name>constructor</name><value>c</value></member>' +
      '<member><name>hasOwnProperty</name><value>h</value></member>' +
      '</struct></value>',
  ]);
  const struct = parseMethodCall(document).params[0] as Record<string, unknown>;
  t.deepEqual(Object.keys(struct), ['__proto__', 'constructor', 'hasOwnProperty']);
  t.is(Object.getPrototypeOf(struct), Object.prototype);
  t.deepEqual(Object.getOwnPropertyDescriptor(struct, '__proto__')?.value, { polluted: true });
  t.is(struct['constructor'], 'c');
  t.is((struct as { polluted?: unknown }).polluted, undefined);
  t.is(({} as { polluted?: unknown }).polluted, undefined);
  t.is(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
});

test('every truncation of a valid document fails with XmlRpcParseError only', (t) => {
  const document = serializeMethodCall('add_results', [
    { package: 'p', tags: ['a', null], when: new Date(0), big: 2n ** 40n, bytes: Buffer.from('xyz'), ok: true, d: 1.5 },
    [{ output: 'a <b> & c', n: -1 }],
  ]);
  for (let length = 0; length < document.length - 1; length++) {
    const truncated = document.slice(0, length);
    const error = t.throws(() => parseMethodCall(truncated), undefined, `truncated at ${length}`);
    t.true(error instanceof XmlRpcParseError, `truncated at ${length}: ${String(error)}`);
  }
});

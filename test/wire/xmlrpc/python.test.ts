import test from 'ava';
import type { WireValue } from '../../../wire/types.ts';
import { WholeDouble } from '../../../wire/whole-double.ts';
import {
  parseMethodCall,
  parseMethodResponse,
  serializeFault,
  serializeMethodCall,
  XmlRpcFault,
} from '../../../wire/xmlrpc/index.ts';
import { runPython } from './helpers/python.ts';

// Exactly what Python 3's xmlrpc.client.dumps(..., methodresponse=True, allow_none=True) writes.
const PYTHON_RESPONSE =
  "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><array><data>\n<value><int>1</int></value>\n" +
  '<value><string>a&lt;b&gt;&amp;c</string></value>\n<value><nil/></value><value><boolean>1</boolean></value>\n' +
  '<value><double>2.5</double></value>\n<value><base64>\nAAFieXRlcw==\n</base64></value>\n' +
  '<value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value>\n<value><struct>\n<member>\n<name>tags</name>\n' +
  '<value><array><data>\n<value><string>x</string></value>\n</data></array></value>\n</member>\n<member>\n<name>n</name>\n' +
  '<value><int>2147483647</int></value>\n</member>\n</struct></value>\n</data></array></value>\n</param>\n</params>\n</methodResponse>\n';

const PYTHON_FAULT =
  "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n" +
  '<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n' +
  '<value><string>&lt;class \'Exception\'&gt;:method "x" is not supported</string></value>\n</member>\n</struct></value>\n' +
  '</fault>\n</methodResponse>\n';

// Prints what Python's own parser makes of the document on stdin, as JSON with tagged bytes and dates.
const PYTHON_LOADS = `
import base64, datetime, json, sys, xmlrpc.client
def tag(value):
    if isinstance(value, bytes):
        return {'$bytes': base64.b64encode(value).decode()}
    if isinstance(value, datetime.datetime):
        return {'$datetime': value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [tag(item) for item in value]
    if isinstance(value, dict):
        return {key: tag(item) for key, item in value.items()}
    if isinstance(value, int) and not isinstance(value, bool):
        return {'$int': str(value)}
    return value
try:
    params, method = xmlrpc.client.loads(sys.stdin.buffer.read(), use_builtin_types=True)
    print(json.dumps({'method': method, 'params': tag(params)}))
except xmlrpc.client.Fault as fault:
    print(json.dumps({'faultCode': fault.faultCode, 'faultString': fault.faultString}))
`;

test('a response exactly as Python writes it', (t) => {
  t.deepEqual(parseMethodResponse(PYTHON_RESPONSE), [
    1,
    'a<b>&c',
    null,
    true,
    2.5,
    Buffer.from('\x00\x01bytes', 'latin1'),
    new Date('1998-07-17T14:08:55Z'),
    { tags: ['x'], n: 2147483647 },
  ]);
});

test('a fault exactly as Python writes it', (t) => {
  const fault = t.throws(() => parseMethodResponse(PYTHON_FAULT), { instanceOf: XmlRpcFault });
  t.is(fault?.faultCode, 1);
  t.is(fault?.faultString, '<class \'Exception\'>:method "x" is not supported');
});

test('an add_results call from a live Python client, with nil, bytes, dates and unicode', async (t) => {
  const document = await runPython(`
import datetime, sys, xmlrpc.client
client_info = {'package': 'pony', 'host': 'h', 'arch': 'linux-x86_64', 'success': False, 'tags': None, 'duration': 2.0,
               'started': datetime.datetime(2024, 5, 6, 7, 8, 9), 'note': 'naïve <&> 😀', 'cr': 'a\\r\\nb'}
results = [{'name': 'make', 'type': 'build', 'status': -1, 'output': b'\\x1b[31mred\\x1b[0m' * 30, 'errout': '',
            'command': ['make', '-j2'], 'duration': 0.25}]
sys.stdout.write(xmlrpc.client.dumps((client_info, results), 'add_results', allow_none=True))
`);
  const { methodName, params } = parseMethodCall(document);
  t.is(methodName, 'add_results');
  t.deepEqual(params, [
    {
      package: 'pony', host: 'h', arch: 'linux-x86_64', success: false, tags: null, duration: new WholeDouble(2),
      started: new Date('2024-05-06T07:08:09Z'), note: 'naïve <&> 😀', cr: 'a\r\nb',
    },
    [{
      name: 'make', type: 'build', status: -1, output: Buffer.from('\x1b[31mred\x1b[0m'.repeat(30)), errout: '',
      command: ['make', '-j2'], duration: 0.25,
    }],
  ]);
});

test('Python parses everything we send as the same values', async (t) => {
  const params: WireValue[] = [
    'log ]]> line ]]></string></value></param><param><value><string>injected',
    '\x1b[31mred\x1b[0m',
    2 ** 40,
    2n ** 62n,
    -7,
    0.1,
    new WholeDouble(2),
    new WholeDouble(1_700_000_000),
    true,
    null,
    new Date('2024-01-02T03:04:05Z'),
    Buffer.from([0, 255]),
    { 'a<b>': ['x', { '__proto__': 'kept' }], cr: 'one\r\ntwo' },
  ];
  const answer = JSON.parse(await runPython(PYTHON_LOADS, serializeMethodCall('add_results', params))) as unknown;
  t.deepEqual(answer, {
    method: 'add_results',
    params: [
      'log ]]> line ]]></string></value></param><param><value><string>injected',
      { $bytes: Buffer.from('\x1b[31mred\x1b[0m').toString('base64') },
      { $int: '1099511627776' },
      { $int: '4611686018427387904' },
      { $int: '-7' },
      0.1,
      // Floats are left untagged: whole doubles arrive as Python floats, not as ints.
      2,
      1_700_000_000,
      true,
      null,
      { $datetime: '2024-01-02T03:04:05' },
      { $bytes: 'AP8=' },
      { 'a<b>': ['x', { '__proto__': 'kept' }], cr: 'one\r\ntwo' },
    ],
  });
});

test('Python reads our fault as a Fault', async (t) => {
  const answer = JSON.parse(await runPython(PYTHON_LOADS, serializeFault(3, 'missing <package> & more'))) as unknown;
  t.deepEqual(answer, { faultCode: 3, faultString: 'missing <package> & more' });
});

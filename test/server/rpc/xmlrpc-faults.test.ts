// Every bad request gets a clear fault, stores nothing, and leaves the server answering.
import test, { type ExecutionContext } from 'ava';
import { countRows, startTestServer } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { callExpectingFault, createThirdPartyClient, methodCall, postXml, readFault, type Fault } from '../helpers/xmlrpc-client.ts';

// Stores one good result first, runs the bad request, then proves nothing more was stored
// and the next good request still works.
async function assertRefused(
  t: ExecutionContext,
  send: (url: string) => Promise<Fault>,
  expected: { faultCode: number; faultString: string | RegExp },
  options: { maxBodyBytes?: number } = {},
): Promise<void> {
  const { url, db } = await startTestServer(t, options);
  const client = createThirdPartyClient(url);
  await client.call('add_results', [makeClientInfo(), [makeStep()]]);
  const fault = await send(url);
  t.is(fault.faultCode, expected.faultCode);
  if (typeof expected.faultString === 'string') {
    t.is(fault.faultString, expected.faultString);
  } else {
    t.regex(fault.faultString, expected.faultString);
  }
  t.is(await countRows(db), 1);
  const [key] = await client.call('add_results', [makeClientInfo(), [makeStep()]]);
  t.is(key, 2);
}

async function sendRaw(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Fault> {
  const response = await postXml(url, body, headers);
  if (response.status !== 200 || !/^text\/xml/.test(response.contentType ?? '')) {
    throw new Error(`expected a 200 text/xml fault, got ${response.status} ${response.contentType}: ${response.text}`);
  }
  const fault = readFault(response.text);
  if (!fault) {
    throw new Error(`expected a fault, got ${response.text}`);
  }
  return fault;
}

function callFault(method: string, params: unknown[]) {
  return (url: string) => callExpectingFault(createThirdPartyClient(url), method, params);
}

test('malformed XML is a -32700 fault with the parser\'s message', async (t) => {
  await assertRefused(t, (url) => sendRaw(url, '<methodCall><methodName>add_results</methodName><params>'), {
    faultCode: -32700,
    faultString: /^malformed XML-RPC request: .+/,
  });
});

test('a body that is not XML at all is a -32700 fault', async (t) => {
  await assertRefused(t, (url) => sendRaw(url, 'hello, world'), { faultCode: -32700, faultString: /^malformed XML-RPC request: / });
});

test('an unknown method is a -32601 fault listing the known ones', async (t) => {
  await assertRefused(t, callFault('foo', []), {
    faultCode: -32601,
    faultString:
      'unknown method "foo"; known: add_results, get_results, check_should_build, release_build, get_all_packages, get_tagsets_for_package, '
      + 'get_last_result_for_tagset, begin_build, add_step, append_output, finish_build',
  });
});

test('a method name that is a JavaScript object property is still unknown', async (t) => {
  await assertRefused(t, callFault('constructor', []), { faultCode: -32601, faultString: /^unknown method "constructor"/ });
});

test('too few arguments is a -32602 fault naming the parameters', async (t) => {
  await assertRefused(t, callFault('add_results', [makeClientInfo()]), {
    faultCode: -32602,
    faultString: 'add_results takes 2 arguments (client_info, results_list), got 1',
  });
});

test('too many arguments is a -32602 fault showing the optional ones', async (t) => {
  await assertRefused(t, callFault('check_should_build', [makeClientInfo(), true, 0, 'extra']), {
    faultCode: -32602,
    faultString: 'check_should_build takes 1 to 3 arguments (client_info, [reserve_build], [build_allowance]), got 4',
  });
});

test('a client_info that is not a struct is a -32602 fault naming position and types', async (t) => {
  await assertRefused(t, callFault('add_results', ['widget', [makeStep()]]), {
    faultCode: -32602,
    faultString: 'add_results argument 1 (client_info): expected struct, got `widget` (string)',
  });
});

test('a results_list that is not an array is a -32602 fault', async (t) => {
  await assertRefused(t, callFault('add_results', [makeClientInfo(), makeStep()]), {
    faultCode: -32602,
    faultString: 'add_results argument 2 (results_list): expected array, got `{"name":"make","type":"build","status":0,"output":"compiling...\\ndone\\n","errout":"","command":["make","-j","2"],"durati...` (struct)',
  });
});

test('a results_list holding something other than structs is a -32602 fault naming the index', async (t) => {
  await assertRefused(t, callFault('add_results', [makeClientInfo(), [makeStep(), 'oops']]), {
    faultCode: -32602,
    faultString: 'add_results: results_list[1] must be a struct, got `oops` (string)',
  });
});

test('a client_info without package is a -32602 fault', async (t) => {
  const { package: _omitted, ...withoutPackage } = makeClientInfo();
  await assertRefused(t, callFault('add_results', [withoutPackage, []]), {
    faultCode: -32602,
    faultString: 'add_results: client_info.package must be a non-empty string, got nothing',
  });
});

test('a non-string package is a -32602 fault', async (t) => {
  await assertRefused(t, callFault('add_results', [makeClientInfo({ package: 7 }), []]), {
    faultCode: -32602,
    faultString: 'add_results: client_info.package must be a non-empty string, got `7` (int)',
  });
});

test('a package named `.` or `..`, which no web address can hold, is a -32602 fault', async (t) => {
  await assertRefused(t, callFault('add_results', [makeClientInfo({ package: '..' }), []]), {
    faultCode: -32602,
    faultString: 'add_results: client_info.package must be a name other than `.` or `..`, which web addresses cannot hold, got `..` (string)',
  });
});

test('tags that are not strings are a -32602 fault naming the tag', async (t) => {
  await assertRefused(t, callFault('add_results', [makeClientInfo({ tags: ['ok', 3] }), []]), {
    faultCode: -32602,
    faultString: 'add_results: client_info.tags[1] must be a string, got `3` (int)',
  });
});

test('check_should_build without package is a -32602 fault', async (t) => {
  await assertRefused(t, callFault('check_should_build', [{ host: 'h' }]), {
    faultCode: -32602,
    faultString: 'check_should_build: client_info.package must be a non-empty string, got nothing',
  });
});

test('a negative build_allowance is a -32602 fault', async (t) => {
  await assertRefused(t, callFault('check_should_build', [makeClientInfo(), true, -5]), {
    faultCode: -32602,
    faultString: 'check_should_build: build_allowance must be a number of seconds, 0 or more, got `-5` (int)',
  });
});

test('a tagset holding a non-string is a -32602 fault', async (t) => {
  await assertRefused(t, callFault('get_last_result_for_tagset', ['widget', ['a', 2]]), {
    faultCode: -32602,
    faultString: 'get_last_result_for_tagset argument 2 (tagset): expected array of strings, got an array holding `2` (int) at index 1',
  });
});

test('a result key that is not a number is a -32602 fault', async (t) => {
  await assertRefused(t, callFault('get_results', ['abc']), {
    faultCode: -32602,
    faultString: 'get_results argument 1 (result_key): expected int, or string of digits, got `abc` (string)',
  });
});

test('an unknown result key is a fault, as in the original', async (t) => {
  await assertRefused(t, callFault('get_results', [999]), {
    faultCode: 1,
    faultString: 'get_results: no result has the key 999',
  });
});

test('a body over the limit is a fault naming the limit, and nothing is stored', async (t) => {
  const big = methodCall('add_results', '<struct><member><name>package</name><value>big</value></member></struct>',
    `<array><data><value><struct><member><name>output</name><value>${'x'.repeat(5000)}</value></member></struct></value></data></array>`);
  await assertRefused(t, (url) => sendRaw(url, big), {
    faultCode: -32300,
    faultString: 'the request body is larger than this server\'s limit of 4096 bytes (4 KiB); nothing was stored',
  }, { maxBodyBytes: 4096 });
});

test('a streamed body without Content-Length is cut at the limit too', async (t) => {
  const chunks = [methodCall('add_results').slice(0, 60), 'y'.repeat(3000), 'y'.repeat(3000)];
  await assertRefused(t, async (url) => {
    const response = await fetch(new URL('xmlrpc', url), {
      method: 'POST',
      body: new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk === undefined) {
            controller.close();
          } else {
            controller.enqueue(new TextEncoder().encode(chunk));
          }
        },
      }),
      duplex: 'half',
    } as RequestInit);
    t.is(response.status, 200);
    return readFault(await response.text())!;
  }, { faultCode: -32300, faultString: /limit of 4096 bytes/ }, { maxBodyBytes: 4096 });
});

test('a compressed body is a fault asking for an uncompressed one', async (t) => {
  await assertRefused(t, (url) => sendRaw(url, methodCall('get_results', '<int>1</int>'), { 'Content-Encoding': 'gzip' }), {
    faultCode: -32300,
    faultString: 'Content-Encoding "gzip" is not supported; send the body uncompressed',
  });
});

test('GET /xmlrpc is a 405 with a short text', async (t) => {
  const { url } = await startTestServer(t);
  const response = await fetch(new URL('xmlrpc', url), { headers: { Accept: 'text/html' } });
  t.is(response.status, 405);
  t.is(response.headers.get('allow'), 'POST');
  t.regex(response.headers.get('content-type') ?? '', /^text\/plain/);
  t.is(await response.text(), 'XML-RPC requests must be POSTed to /xmlrpc\n');
});

import test from 'ava';
import { callXmlRpc, XmlRpcTransportError } from '../../../runner/transport/index.ts';
import { parseMethodCall, serializeFault, serializeMethodResponse, XmlRpcFault, XmlRpcParseError } from '../../../wire/xmlrpc/index.ts';
import { findClosedPort, startServer } from '../../wire/xmlrpc/helpers/servers.ts';

test('a call posts our XML and returns the parsed answer', async (t) => {
  const { url, requests } = await startServer(t, (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/xml' }).end(serializeMethodResponse([17, 'auth-key']));
  });
  t.deepEqual(await callXmlRpc(url, 'add_results', [{ package: 'p' }, []]), [17, 'auth-key']);
  const [request] = requests;
  t.is(request?.method, 'POST');
  t.is(request?.url, '/xmlrpc');
  t.is(request?.headers['content-type'], 'text/xml; charset=utf-8');
  t.deepEqual(parseMethodCall(request!.body), { methodName: 'add_results', params: [{ package: 'p' }, []] });
});

test('extra headers are sent', async (t) => {
  const { url, requests } = await startServer(t, (_request, response) => response.end(serializeMethodResponse(true)));
  await callXmlRpc(url, 'ping', [], { headers: { Authorization: 'Bearer token-1', 'X-Build': '7' } });
  t.is(requests[0]?.headers.authorization, 'Bearer token-1');
  t.is(requests[0]?.headers['x-build'], '7');
});

test('credentials in the URL become Basic auth and leave the URL', async (t) => {
  const { url, requests } = await startServer(t, (_request, response) => response.end(serializeMethodResponse(true)));
  const withCredentials = url.replace('http://', 'http://builder:s3cr%40t@');
  t.is(await callXmlRpc(withCredentials, 'check_should_build', []), true);
  t.is(requests[0]?.headers.authorization, `Basic ${Buffer.from('builder:s3cr@t').toString('base64')}`);
  t.is(requests[0]?.url, '/xmlrpc');
});

test('a server that never answers times out with a transport error', async (t) => {
  let connectionClosed!: Promise<void>;
  const { url } = await startServer(t, (_request, response) => {
    // Never answered: only the client's timeout can end the call.
    connectionClosed = new Promise((resolve) => response.once('close', () => resolve()));
  });
  const started = performance.now();
  const error = await t.throwsAsync(callXmlRpc(url, 'add_results', [], { timeoutMs: 300 }), { instanceOf: XmlRpcTransportError });
  // A timer fires no sooner than asked, give or take node's whole milliseconds.
  t.true(performance.now() - started >= 290, `gave up after ${performance.now() - started} ms`);
  t.is(error?.message, `XML-RPC call add_results to ${url} failed: no answer within 300 ms`);
  t.is(error?.failure, 'timeout');
  t.is(error?.methodName, 'add_results');
  // The client gave the connection up rather than leaving it open.
  await connectionClosed;
});

test('a refused connection is a transport error naming the URL without credentials', async (t) => {
  const port = await findClosedPort();
  const error = await t.throwsAsync(callXmlRpc(`http://name:token@127.0.0.1:${port}/xmlrpc`, 'add_results', []), {
    instanceOf: XmlRpcTransportError,
  });
  t.is(error?.message, `XML-RPC call add_results to http://127.0.0.1:${port}/xmlrpc failed: connection refused`);
  t.is(error?.failure, 'connection-refused');
  t.is(error?.url, `http://127.0.0.1:${port}/xmlrpc`);
});

test('ports the fetch standard blocks are still tried, since a server may listen there', async (t) => {
  // fetch would refuse port 9 without connecting; nothing listens there, so a real attempt is refused.
  const error = await t.throwsAsync(callXmlRpc('http://127.0.0.1:9/xmlrpc', 'add_results', []), { instanceOf: XmlRpcTransportError });
  t.is(error?.message, 'XML-RPC call add_results to http://127.0.0.1:9/xmlrpc failed: connection refused');
});

test('an HTTP status other than 200 is a transport error with the status', async (t) => {
  const { url } = await startServer(t, (_request, response) => response.writeHead(500).end('<html>oops</html>'));
  const error = await t.throwsAsync(callXmlRpc(url, 'get_results', [1]), { instanceOf: XmlRpcTransportError });
  t.is(error?.message, `XML-RPC call get_results to ${url} failed: HTTP 500 Internal Server Error`);
  t.is(error?.status, 500);
  t.is(error?.failure, 'http-status');
});

test('a fault answer is thrown as XmlRpcFault', async (t) => {
  const { url } = await startServer(t, (_request, response) => response.end(serializeFault(2, 'missing package')));
  const error = await t.throwsAsync(callXmlRpc(url, 'add_results', []), { instanceOf: XmlRpcFault });
  t.is(error?.faultCode, 2);
  t.is(error?.faultString, 'missing package');
});

test('an answer that is not XML-RPC is a parse error', async (t) => {
  const { url } = await startServer(t, (_request, response) => response.end('<html><body>proxy error</body></html>'));
  await t.throwsAsync(callXmlRpc(url, 'add_results', []), {
    instanceOf: XmlRpcParseError,
    message: 'wrong root element <html>, expected <methodResponse> (line 1, column 1)',
  });
});

test('a URL that is not http or https is a TypeError', async (t) => {
  await t.throwsAsync(callXmlRpc('ftp://host/xmlrpc', 'm', []), {
    instanceOf: TypeError,
    message: 'Expected an http or https XML-RPC URL, got `ftp:` in `ftp://host/xmlrpc`',
  });
});

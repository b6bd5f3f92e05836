import test from 'ava';
import { readRetryAfter } from '../../../runner/transport/honour-retry-after.ts';
import { callXmlRpc, isServerUnavailable, XmlRpcTransportError } from '../../../runner/transport/index.ts';
import { serializeMethodResponse } from '../../../wire/xmlrpc/index.ts';
import { startServer } from '../../wire/xmlrpc/helpers/servers.ts';

const NOW = Date.parse('2026-01-02T03:04:05Z');

test('Retry-After is read as seconds or as an HTTP date, a date already past being no wait', (t) => {
  t.is(readRetryAfter('7', NOW), 7000);
  t.is(readRetryAfter(' 0 ', NOW), 0);
  t.is(readRetryAfter('Fri, 02 Jan 2026 03:04:35 GMT', NOW), 30_000);
  t.is(readRetryAfter('Fri, 02 Jan 2026 03:00:00 GMT', NOW), 0);
  t.is(readRetryAfter(undefined, NOW), undefined);
  t.is(readRetryAfter('-3', NOW), undefined);
  t.is(readRetryAfter('1.5', NOW), undefined);
  t.is(readRetryAfter('soon', NOW), undefined);
});

test('a 429 is waited out as the server asked and the call sent again, saying so once per wait', async (t) => {
  let refusals = 1;
  const { url, requests } = await startServer(t, (_request, response) => {
    if (refusals-- > 0) {
      response.writeHead(429, { 'Retry-After': new Date(Date.now() - 5000).toUTCString() }).end('too many requests');
      return;
    }
    response.end(serializeMethodResponse([3, 'auth-key']));
  });
  const said: string[] = [];
  t.deepEqual(await callXmlRpc(url, 'add_results', [{ package: 'p' }, []], { say: (line) => said.push(line) }), [3, 'auth-key']);
  t.is(requests.length, 2);
  t.deepEqual(requests[1]!.body, requests[0]!.body, 'the same call, sent again');
  t.deepEqual(said, [
    'pony-build: the server asked to wait 0 s before the XML-RPC call add_results (HTTP 429, too many requests); waiting 0 s, then trying again (1 of 3)',
  ]);
});

test('a wait longer than the cap is cut to it, and one without Retry-After takes the default', async (t) => {
  const retryAfters = ['3600', undefined];
  const { url } = await startServer(t, (_request, response) => {
    if (retryAfters.length > 0) {
      const retryAfter = retryAfters.shift();
      response.writeHead(429, retryAfter === undefined ? {} : { 'Retry-After': retryAfter }).end();
      return;
    }
    response.end(serializeMethodResponse(true));
  });
  const said: string[] = [];
  await callXmlRpc(url, 'check_should_build', [], { say: (line) => said.push(line), retryAfter: { capMs: 100, defaultWaitMs: 200 } });
  t.deepEqual(said, [
    'pony-build: the server asked to wait 3600 s before the XML-RPC call check_should_build (HTTP 429, too many requests); waiting 0.1 s, then trying again (1 of 3)',
    'pony-build: the server asked to wait, without a Retry-After we could read, before the XML-RPC call check_should_build (HTTP 429, too many requests); waiting 0.1 s, then trying again (2 of 3)',
  ]);
});

test('after its last wait the client gives up, says so, and the 429 counts as a server that cannot take the result now', async (t) => {
  const { url, requests } = await startServer(t, (_request, response) => response.writeHead(429, { 'Retry-After': '0' }).end());
  const said: string[] = [];
  const error = await t.throwsAsync(callXmlRpc(url, 'add_results', [], { say: (line) => said.push(line) }), { instanceOf: XmlRpcTransportError });
  t.is(requests.length, 4);
  t.is(said.length, 4);
  t.is(said[3], 'pony-build: the server still answered HTTP 429 (too many requests) to the XML-RPC call add_results after 3 waits; giving up');
  t.is(error?.message, `XML-RPC call add_results to ${url} failed: HTTP 429 Too Many Requests`);
  t.is(error?.status, 429);
  t.true(isServerUnavailable(error), 'kept for another try, in the spool');
});

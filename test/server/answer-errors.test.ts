// One error, thrown once, answered in each transport's own form by the one error middleware.
import test from 'ava';
import { startTestServer } from './helpers/server.ts';
import { callExpectingFault, createThirdPartyClient } from './helpers/xmlrpc-client.ts';

test('an unknown result is a fault over XML-RPC, a JSON 404 on the API and a 404 page for browsers', async (t) => {
  const { url } = await startTestServer(t);
  t.deepEqual(await callExpectingFault(createThirdPartyClient(url), 'get_results', [999]), {
    faultCode: 1,
    faultString: 'get_results: no result has the key 999',
  });
  const api = await fetch(new URL('api/v1/results/999', url));
  t.is(api.status, 404);
  t.deepEqual(await api.json(), { error: 'no result has the key 999' });
  const page = await fetch(new URL('results/999', url), { headers: { Accept: 'text/html' } });
  t.is(page.status, 404);
  t.regex(page.headers.get('content-type') ?? '', /^text\/html/);
  const html = await page.text();
  t.true(html.includes('<h1>Not found</h1>'));
  t.true(html.includes('no result has the key 999'));
});

test('a protocol endpoint answers in plain text, with the status its error carries', async (t) => {
  const { url } = await startTestServer(t);
  const upload = await fetch(new URL(`upload?description=d&filename=f&auth_key=${'0'.repeat(64)}`, url), { method: 'POST', body: 'x' });
  t.is(upload.status, 401);
  t.regex(upload.headers.get('content-type') ?? '', /^text\/plain/);
  t.is(await upload.text(), 'the auth_key does not belong to any result; use the auth_key that add_results returned\n');
});

import test, { type ExecutionContext } from 'ava';
import { countRows, startTestServer } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';

function postJson(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(new URL(path, url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function addResult(url: string, clientInfo = makeClientInfo(), steps = [makeStep()]) {
  const response = await postJson(url, 'api/v1/results', { client_info: clientInfo, results_list: steps });
  return (await response.json()) as { result_key: number; auth_key: string };
}

test('POST /api/v1/results stores a result: 201 with its key, auth_key and Location', async (t) => {
  const { url } = await startTestServer(t);
  const response = await postJson(url, 'api/v1/results', { client_info: makeClientInfo(), results_list: [makeStep()] });
  t.is(response.status, 201);
  const body = await response.json() as any;
  t.deepEqual(Object.keys(body), ['result_key', 'auth_key']);
  t.is(body.result_key, 1);
  t.regex(body.auth_key, /^[0-9a-f]{64}$/);
  t.is(response.headers.get('location'), '/api/v1/results/1');
});

test('GET /api/v1/results/:key returns the triple, bytes and dates in tagged form', async (t) => {
  const { url } = await startTestServer(t);
  const clientInfo = makeClientInfo({ started: { $date: '2024-01-02T03:04:05.000Z' }, odd: { $struct: { $ref: 'kept' } } });
  const steps = [makeStep({ errout: { $bytes: Buffer.from([0xff, 0x00]).toString('base64' ) } }),
    makeStep({ output: { $bytes: Buffer.from('valid text').toString('base64') } })];
  const { result_key } = await addResult(url, clientInfo, steps);
  const response = await fetch(new URL(`api/v1/results/${result_key}`, url));
  t.is(response.status, 200);
  const body = await response.json() as any;
  t.deepEqual(Object.keys(body), ['state', 'receipt', 'client_info', 'results_list']);
  t.is(body.state, 'finished');
  t.is(body.receipt.result_key, String(result_key));
  t.is(body.receipt.client_ip, '127.0.0.1');
  t.deepEqual(body.client_info, clientInfo);
  t.deepEqual(body.results_list[0].errout, { $bytes: '/wA=' });
  // Bytes that are valid UTF-8 are text, whichever protocol brought them.
  t.is(body.results_list[1].output, 'valid text');
});

test('POST /api/v1/check-should-build answers build and reason, and reserves', async (t) => {
  const { url } = await startTestServer(t);
  const ask = async (body: unknown) => (await postJson(url, 'api/v1/check-should-build', body)).json() as any;
  t.deepEqual(await ask({ client_info: makeClientInfo(), reserve_build: false }),
    { build: true, reason: 'no build recorded for this tagset; build!' });
  t.deepEqual(await ask({ client_info: makeClientInfo(), build_allowance: 60 }),
    { build: true, reason: 'no build recorded for this tagset; build!' });
  t.deepEqual(await ask({ client_info: makeClientInfo() }), { build: false, reason: 'may be in build now' });
});

test('GET /api/v1/packages lists packages with the latest result of each tagset', async (t) => {
  const { url } = await startTestServer(t);
  await addResult(url, makeClientInfo({ success: false }));
  const { result_key: latest } = await addResult(url, makeClientInfo());
  const { result_key: other } = await addResult(url, makeClientInfo({ package: 'alpha', tags: ['__hidden', 'shown'], host: 'h2' }));
  const body = await (await fetch(new URL('api/v1/packages', url))).json() as any;
  t.deepEqual(body.packages.map((entry: { package: string }) => entry.package), ['alpha', 'widget']);
  const [alpha, widget] = body.packages;
  t.deepEqual(alpha.tagsets[0].tags, ['shown']);
  t.deepEqual(alpha.tagsets[0].tagset, ['__arch=linux-x86_64', '__hidden', '__host=h2', '__package=alpha', 'shown']);
  t.is(alpha.tagsets[0].latest.result_key, other);
  t.is(widget.tagsets.length, 1);
  t.like(widget.tagsets[0], { result_count: 2, latest: { result_key: latest, success: true, host: 'builder-1', arch: 'linux-x86_64', duration: 42.5, url: `/results/${latest}` } });
});

test('GET /api/v1/packages/:package/tagsets lists the tagsets', async (t) => {
  const { url } = await startTestServer(t);
  await addResult(url, makeClientInfo({ tags: ['b', 'a'] }));
  const body = await (await fetch(new URL('api/v1/packages/widget/tagsets', url))).json() as any;
  t.deepEqual(body, { package: 'widget', tagsets: [['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'a', 'b']] });
});

test('GET /api/v1/packages/:package/latest finds the newest result of a tagset', async (t) => {
  const { url } = await startTestServer(t);
  await addResult(url, makeClientInfo({ tags: ['b', 'a'] }));
  const { result_key } = await addResult(url, makeClientInfo({ tags: ['a', 'b'] }));
  const query = '?tag=b&tag=a&tag=__host=builder-1&tag=__arch=linux-x86_64';
  const response = await fetch(new URL(`api/v1/packages/widget/latest${query}`, url));
  t.is(response.status, 200);
  t.is((await response.json() as any).receipt.result_key, String(result_key));
  const missing = await fetch(new URL('api/v1/packages/widget/latest?tag=a', url));
  t.is(missing.status, 404);
  t.deepEqual(await missing.json() as any, { error: 'no result of package "widget" has the tagset ["a","__package=widget"]' });
});

// Each bad request: the right status and message, nothing stored, and the server still answers.
async function assertRejected(
  t: ExecutionContext,
  send: (url: string) => Promise<Response>,
  status: number,
  error: string | RegExp,
  options: { maxBodyBytes?: number } = {},
) {
  const { url, db } = await startTestServer(t, options);
  await addResult(url);
  const response = await send(url);
  t.is(response.status, status);
  t.regex(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = await response.json() as any;
  if (typeof error === 'string') {
    t.deepEqual(body, { error });
  } else {
    t.regex(body.error, error);
  }
  t.is(await countRows(db), 1);
  t.is((await addResult(url)).result_key, 2);
}

test('malformed JSON is a 400', async (t) => {
  await assertRejected(t, (url) => postJson(url, 'api/v1/results', '{"client_info": '), 400,
    /^the request body is not valid JSON: /);
});

test('a wrong content type is a 415', async (t) => {
  await assertRejected(t, (url) => postJson(url, 'api/v1/results', '{}', { 'Content-Type': 'text/plain' }), 415,
    'expected Content-Type application/json, got text/plain');
});

test('a body that is not an object is a 400', async (t) => {
  await assertRejected(t, (url) => postJson(url, 'api/v1/results', []), 400,
    'the request body must be a JSON object, got `[]` (array)');
});

test('a missing client_info is a 400 naming the field', async (t) => {
  await assertRejected(t, (url) => postJson(url, 'api/v1/results', { results_list: [] }), 400,
    'client_info must be a struct, got nothing');
});

test('a results_list that is not an array is a 400 naming the field', async (t) => {
  await assertRejected(t, (url) => postJson(url, 'api/v1/results', { client_info: makeClientInfo(), results_list: {} }), 400,
    'results_list must be an array of structs, got `{}` (struct)');
});

test('a step that is not an object is a 400 naming its index', async (t) => {
  await assertRejected(t, (url) => postJson(url, 'api/v1/results', { client_info: makeClientInfo(), results_list: [makeStep(), 5] }), 400,
    'results_list[1] must be a struct, got `5` (int)');
});

test('a missing package is a 400', async (t) => {
  await assertRejected(t, (url) => postJson(url, 'api/v1/results', { client_info: { host: 'h' }, results_list: [] }), 400,
    'client_info.package must be a non-empty string, got nothing');
});

test('an unknown tag in tagged JSON is a 400 explaining the tags', async (t) => {
  await assertRejected(t, (url) => postJson(url, 'api/v1/results', { client_info: makeClientInfo({ x: { $weird: 1 } }), results_list: [] }), 400,
    /^body\.client_info\.x: unknown tag "\$weird"; known: \$bytes, \$date, \$bigint, \$double, \$number, \$struct/);
});

test('a wrongly typed reserve_build is a 400', async (t) => {
  await assertRejected(t, (url) => postJson(url, 'api/v1/check-should-build', { client_info: makeClientInfo(), reserve_build: 'yes' }), 400,
    'reserve_build must be a boolean, got `yes` (string)');
});

test('a body over the limit is a 413 naming the limit', async (t) => {
  const big = { client_info: makeClientInfo(), results_list: [makeStep({ output: 'x'.repeat(5000) })] };
  await assertRejected(t, (url) => postJson(url, 'api/v1/results', big), 413,
    'the request body is larger than this server\'s limit of 4096 bytes (4 KiB)', { maxBodyBytes: 4096 });
});

test('an unknown result key is a 404', async (t) => {
  await assertRejected(t, (url) => fetch(new URL('api/v1/results/999', url)), 404, 'no result has the key 999');
});

test('a result key that is not a number is a 400', async (t) => {
  await assertRejected(t, (url) => fetch(new URL('api/v1/results/abc', url)), 400,
    'a result key is a positive integer, got "abc"');
});

test('an unknown API path is a JSON 404, a wrong method a JSON 405', async (t) => {
  const { url } = await startTestServer(t);
  const missing = await fetch(new URL('api/v1/nothing-here', url));
  t.is(missing.status, 404);
  t.deepEqual(await missing.json() as any, { error: 'Nothing is at /api/v1/nothing-here.' });
  const wrongMethod = await fetch(new URL('api/v1/packages', url), { method: 'DELETE' });
  t.is(wrongMethod.status, 405);
  t.regex((await wrongMethod.json() as any).error, /^DELETE is not allowed on \/api\/v1\/packages; allowed: .*GET/);
});

test('GET /api/v1/packages/:package/latest also takes visible tags with host and arch, like the page URL', async (t) => {
  const { url } = await startTestServer(t);
  await addResult(url, makeClientInfo({ tags: ['a', 'b'] }));
  const { result_key } = await addResult(url, makeClientInfo({ tags: ['b', 'a'] }));
  for (const query of ['?tag=a&tag=b', '?tag=b&tag=a&host=builder-1', '?tag=a&tag=b&arch=linux-x86_64']) {
    const response = await fetch(new URL(`api/v1/packages/widget/latest${query}`, url));
    t.is(response.status, 200, query);
    t.is((await response.json() as any).receipt.result_key, String(result_key), query);
  }
  t.is((await fetch(new URL('api/v1/packages/widget/latest?tag=a&tag=b&host=elsewhere', url))).status, 404);
});

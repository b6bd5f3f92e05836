// The auth modes over a real server (127.0.0.1, ephemeral port, a real database): who may
// write by XML-RPC (Python's own xmlrpc.client), JSON and uploads, and that a refusal names its
// reason and stores nothing. Reads stay public in every mode.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { createCoordinator, type AuthPolicy } from '../../../server/index.ts';
import { EMPTY_SERVER_CONFIG } from '../../../server/config/types.ts';
import { countRows, openStoreOf, startTestServer, type TestServer } from '../helpers/server.ts';

const run = promisify(execFile);
const originalClient = fileURLToPath(new URL('../../fixtures/server/python-client.py', import.meta.url));
const pythonCalls = fileURLToPath(new URL('../../fixtures/server/python-calls.py', import.meta.url));

type Answer = { ok: unknown } | { fault: [number, string] };

const widget = { package: 'widget', host: 'builder-1', arch: 'linux', tags: ['nightly'], success: true };
const step = { name: 'make', type: 'build', status: 0, output: 'ok\n', errout: '', command: 'make', duration: 1 };

async function startAuthServer(t: ExecutionContext, auth: Partial<AuthPolicy>): Promise<TestServer> {
  return startTestServer(t, { config: { ...EMPTY_SERVER_CONFIG, auth: { ...EMPTY_SERVER_CONFIG.auth, ...auth } } });
}

// Tokens are added to the server's database directly, as `pony-build tokens add` does beside a running server.
async function addToken(db: string, name: string, scope: { packages?: string[]; hosts?: string[] } = {}): Promise<string> {
  const coordinator = createCoordinator(await openStoreOf(db));
  try {
    return (await coordinator.addClientToken(name, scope)).secret;
  } finally {
    await coordinator.close();
  }
}

function withCredentials(url: string, name: string, secret: string, path = 'xmlrpc'): string {
  const address = new URL(path, url);
  address.username = name;
  address.password = secret;
  return address.href;
}

async function callPython(url: string, calls: unknown[][]): Promise<Answer[]> {
  const { stdout } = await run('python3', [pythonCalls, url, JSON.stringify(calls)], { timeout: 60_000 });
  return JSON.parse(stdout) as Answer[];
}

function postJson(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(new URL(path, url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const MISSING = 'this server takes writes only from clients with a client token; send it as HTTP Basic auth (http://NAME:TOKEN@host/) or as Authorization: Bearer TOKEN';

test('--auth tokens: the original Python client with http://NAME:TOKEN@host/xmlrpc uses every original method', async (t) => {
  const server = await startAuthServer(t, { mode: 'tokens' });
  const secret = await addToken(server.db, 'ci-1');
  const { stdout } = await run('python3', [originalClient, withCredentials(server.url, 'ci-1', secret, '/')], { timeout: 60_000 });
  const answers = JSON.parse(stdout);
  t.deepEqual(answers.check_before, [true, 'no build recorded for this tagset; build!']);
  t.regex(answers.auth_key, /^[0-9a-f]{64}$/);
  t.is(answers.last_for_tagset[0].result_key, String(answers.key));
  // A bad client_info gets the method's own fault, as on an open server.
  t.deepEqual(answers.fault, { faultCode: -32602, faultString: 'add_results: client_info.package must be a non-empty string, got nothing' });
  // Its two results, as on an open server.
  t.is(await countRows(server.db), 2);
  // Nothing of the secret reaches the log.
  t.false(server.logLines.join('\n').includes(secret));
});

test('--auth tokens: writes without a token, with a wrong or a revoked one are refused with fault -32001; reads stay public', async (t) => {
  const server = await startAuthServer(t, { mode: 'tokens' });
  const secret = await addToken(server.db, 'ci-1');
  const [added] = await callPython(withCredentials(server.url, 'ci-1', secret), [['add_results', widget, [step]]]);
  const [key] = (added as { ok: [number, string] }).ok;
  const coordinator = createCoordinator(await openStoreOf(server.db));
  await coordinator.revokeClientToken('ci-1');
  await coordinator.close();

  const anonymous = await callPython(new URL('xmlrpc', server.url).href, [
    ['add_results', widget, [step]],
    ['begin_build', widget],
    ['check_should_build', widget],
    ['check_should_build', widget, false, 0],
    ['release_build', widget],
    ['get_results', key],
    ['get_tagsets_for_package', 'widget'],
  ]);
  t.deepEqual(anonymous.slice(0, 3), [
    { fault: [-32001, `add_results: ${MISSING}`] },
    { fault: [-32001, `begin_build: ${MISSING}`] },
    { fault: [-32001, `check_should_build: ${MISSING}`] },
  ]);
  // Asking without reserving is a read.
  t.deepEqual(anonymous[3], { ok: [false, 'build up to date'] });
  t.deepEqual(anonymous[4], { fault: [-32001, `release_build: ${MISSING}`] });
  t.like(anonymous[5], { ok: [{ result_key: String(key) }] });
  t.deepEqual(anonymous[6], { ok: [['__arch=linux', '__host=builder-1', '__package=widget', 'nightly']] });

  const [wrong] = await callPython(withCredentials(server.url, 'ci-1', 'f'.repeat(64)), [['add_results', widget, [step]]]);
  t.deepEqual(wrong, { fault: [-32001, 'add_results: the client token given for "ci-1" is not valid: no client token has that name and secret'] });
  const [revoked] = await callPython(withCredentials(server.url, 'ci-1', secret), [['add_results', widget, [step]]]);
  t.regex((revoked as { fault: [number, string] }).fault[1], /^add_results: the client token "ci-1" was revoked at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; ask the server's admin for a new one$/);
  t.is((revoked as { fault: [number, string] }).fault[0], -32001);
  t.is(await countRows(server.db), 1);
});

test('a scoped token writes its packages and hosts only (fault -32003), and a live build is held to what it began with', async (t) => {
  const server = await startAuthServer(t, { mode: 'tokens' });
  const widgetToken = await addToken(server.db, 'widget-ci', { packages: ['widget'], hosts: ['builder-1'] });
  const otherToken = await addToken(server.db, 'gadget-ci', { packages: ['gadget'] });
  const answers = await callPython(withCredentials(server.url, 'widget-ci', widgetToken), [
    ['add_results', { ...widget, package: 'gadget' }, [step]],
    ['add_results', { ...widget, host: 'builder-2' }, [step]],
    ['begin_build', widget],
  ]);
  t.deepEqual(answers.slice(0, 2), [
    { fault: [-32003, 'add_results: the client token "widget-ci" may write packages "widget" only, not "gadget"'] },
    { fault: [-32003, 'add_results: the client token "widget-ci" may write results from hosts "builder-1" only, not "builder-2"'] },
  ]);
  const [, updateToken] = (answers[2] as { ok: [number, string] }).ok;
  // Another token may not touch it, whatever the finish's client_info claims.
  const foreign = await callPython(withCredentials(server.url, 'gadget-ci', otherToken), [
    ['add_step', updateToken, step],
    ['finish_build', updateToken, { ...widget, package: 'gadget' }],
  ]);
  t.deepEqual(foreign, [
    { fault: [-32003, 'add_step: the client token "gadget-ci" may write packages "gadget" only, not "widget"'] },
    { fault: [-32003, 'finish_build: the client token "gadget-ci" may write packages "gadget" only, not "widget"'] },
  ]);
  const own = await callPython(withCredentials(server.url, 'widget-ci', widgetToken), [['add_step', updateToken, step], ['finish_build', updateToken, widget]]);
  t.deepEqual(own[0], { ok: true });
  t.is(await countRows(server.db), 1);
  const stored = await (await fetch(new URL('api/v1/results/1', server.url))).json() as { state: string; results_list: unknown[] };
  t.is(stored.state, 'finished');
  t.is(stored.results_list.length, 1);
});

test('JSON: a bearer token writes; none is a 401 with a challenge, a scope violation a 403; nothing is stored on a refusal', async (t) => {
  const server = await startAuthServer(t, { mode: 'tokens' });
  const secret = await addToken(server.db, 'ci-1', { packages: ['widget'] });
  const body = { client_info: widget, results_list: [step] };
  const missing = await postJson(server.url, 'api/v1/results', body);
  t.is(missing.status, 401);
  t.is(missing.headers.get('WWW-Authenticate'), 'Basic realm="pony-build", charset="UTF-8"');
  t.deepEqual(await missing.json(), { error: MISSING });
  const malformed = await postJson(server.url, 'api/v1/results', body, { Authorization: `Token ${secret}` });
  t.is(malformed.status, 401);
  const malformedError = ((await malformed.json()) as { error: string }).error;
  t.is(malformedError, `the Authorization header cannot be read: its scheme is "Token", not Basic or Bearer; ${MISSING.slice(MISSING.indexOf('send it'))}`);
  t.false(malformedError.includes(secret));
  const outOfScope = await postJson(server.url, 'api/v1/builds', { client_info: { ...widget, package: 'gadget' } }, { Authorization: `Bearer ${secret}` });
  t.is(outOfScope.status, 403);
  t.deepEqual(await outOfScope.json(), { error: 'the client token "ci-1" may write packages "widget" only, not "gadget"' });
  t.is(await countRows(server.db), 0);

  const added = await postJson(server.url, 'api/v1/results', body, { Authorization: `Bearer ${secret}` });
  t.is(added.status, 201);
  const basic = `Basic ${Buffer.from(`ci-1:${secret}`).toString('base64')}`;
  t.is((await postJson(server.url, 'api/v1/check-should-build', { client_info: widget }, { Authorization: basic })).status, 200);
  t.is((await postJson(server.url, 'api/v1/check-should-build', { client_info: widget, reserve_build: false })).status, 200);
  t.is((await postJson(server.url, 'api/v1/release-build', { client_info: widget })).status, 401);
  t.is((await fetch(new URL('api/v1/results/1', server.url))).status, 200);
  t.is(await countRows(server.db), 1);
  const [listed] = await (async () => {
    const coordinator = createCoordinator(await openStoreOf(server.db));
    try {
      return await coordinator.listClientTokens();
    } finally {
      await coordinator.close();
    }
  })();
  t.not(listed?.lastUsedAt, null);
});

test('uploads need a token in scope of the result they attach to', async (t) => {
  const server = await startAuthServer(t, { mode: 'tokens' });
  const secret = await addToken(server.db, 'ci-1');
  const scoped = await addToken(server.db, 'gadget-ci', { packages: ['gadget'] });
  const added = await postJson(server.url, 'api/v1/results', { client_info: widget, results_list: [] }, { Authorization: `Bearer ${secret}` });
  const { auth_key: authKey } = await added.json() as { auth_key: string };
  const upload = (authorization?: string) => fetch(new URL(`upload?description=log&filename=log.txt&auth_key=${authKey}&visible=yes`, server.url), {
    method: 'POST', body: 'the log\n', headers: authorization === undefined ? {} : { Authorization: authorization },
  });
  const missing = await upload();
  t.is(missing.status, 401);
  t.is(await missing.text(), `${MISSING}\n`);
  const foreign = await upload(`Bearer ${scoped}`);
  t.is(foreign.status, 403);
  t.is(await foreign.text(), 'the client token "gadget-ci" may write packages "gadget" only, not "widget"\n');
  t.is(await countRows(server.db, 'uploads'), 0);
  const stored = await upload(`Bearer ${secret}`);
  t.is(stored.status, 200);
  t.is(await countRows(server.db, 'uploads'), 1);
});

test('--auth capped: an anonymous address writes up to anonymous_bytes_per_day, counted in the store across restarts; a token is not capped', async (t) => {
  const first = await startAuthServer(t, { mode: 'capped', anonymousBytesPerDay: 3000 });
  const body = { client_info: widget, results_list: [step] };
  const size = Buffer.byteLength(JSON.stringify(body));
  t.is((await postJson(first.url, 'api/v1/results', body)).status, 201);
  await first.server.close();

  // The same database, a new server: the count survives.
  const second = await startTestServer(t, { db: first.db, config: { ...EMPTY_SERVER_CONFIG, auth: { mode: 'capped', anonymousBytesPerDay: 3000 } } });
  const fits = Math.floor(3000 / size);
  for (let sent = 1; sent < fits; sent++) {
    t.is((await postJson(second.url, 'api/v1/results', body)).status, 201);
  }
  const over = await postJson(second.url, 'api/v1/results', body);
  t.is(over.status, 403);
  t.deepEqual(await over.json(), {
    error: `anonymous clients may write 3000 bytes (2.9 KiB) of request bodies a day to this server (auth.anonymous_bytes_per_day is 3000); `
      + `127.0.0.1 sent ${fits * size} bytes (${((fits * size) / 1024).toFixed(1)} KiB) today (UTC) and this request has ${size} bytes; `
      + 'write with a client token, or again tomorrow',
  });
  const [fault] = await callPython(new URL('xmlrpc', second.url).href, [['add_results', widget, [step]]]);
  t.is((fault as { fault: [number, string] }).fault[0], -32003);
  t.regex((fault as { fault: [number, string] }).fault[1], /^add_results: anonymous clients may write 3000 bytes/);
  // Reads are not counted.
  t.deepEqual(await callPython(new URL('xmlrpc', second.url).href, [['get_tagsets_for_package', 'nothing']]), [{ ok: [] }]);
  t.is(await countRows(second.db), fits);

  const secret = await addToken(second.db, 'ci-1');
  t.is((await postJson(second.url, 'api/v1/results', body, { Authorization: `Bearer ${secret}` })).status, 201);
  const [withToken] = await callPython(withCredentials(second.url, 'ci-1', secret), [['add_results', widget, [step]]]);
  t.true('ok' in withToken);
  // A wrong token is refused, not taken for anonymous.
  t.is((await postJson(second.url, 'api/v1/results', body, { Authorization: 'Bearer nope' })).status, 401);
  t.is(await countRows(second.db), fits + 2);
});

test('--auth open (the default) ignores credentials, even wrong ones', async (t) => {
  const server = await startTestServer(t);
  const body = { client_info: widget, results_list: [step] };
  t.is((await postJson(server.url, 'api/v1/results', body, { Authorization: 'Bearer whatever' })).status, 201);
  const [answer] = await callPython(withCredentials(server.url, 'nobody', 'wrong'), [['add_results', widget, [step]]]);
  t.true('ok' in answer);
});

// serve --private: pages send visitors to sign in, JSON reads answer 401 without a session or a
// client token, while the sign-in form, the stylesheet, /healthz and the protocol's writes work.
import test from 'ava';
import { EMPTY_SERVER_CONFIG } from '../../../server/config/types.ts';
import { createCoordinator } from '../../../server/index.ts';
import { openTestStore, startTestServer } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { callExpectingFault, createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { addAdmin, createVisitor, signIn } from './admin-session.ts';

const PASSWORD = 'correct horse battery';
const PRIVATE = { ...EMPTY_SERVER_CONFIG, auth: { ...EMPTY_SERVER_CONFIG.auth, private: true } };

test('a private server sends pages to sign in and back, and answers JSON reads 401', async (t) => {
  const { url, db } = await startTestServer(t, { config: PRIVATE });
  await addAdmin(db, 'alice', PASSWORD);
  const [resultKey] = await createThirdPartyClient(url).call('add_results', [makeClientInfo(), [makeStep()]]) as [number, string];
  const visitor = createVisitor(url);

  for (const path of ['', `results/${resultKey}`, 'packages/widget?tag=node20', 'badges/widget.svg', `results/${resultKey}/log.txt`, `results/${resultKey}/live`]) {
    const answer = await visitor.get(path);
    t.is(answer.status, 302, path);
    t.is(answer.headers.get('location'), `/login?next=${encodeURIComponent(`/${path}`)}`, path);
    t.false(answer.html.includes('builder-1'), path);
  }
  const json = await fetch(new URL('api/v1/packages', url));
  t.is(json.status, 401);
  t.deepEqual(await json.json(), { error: 'this server is private: sign in as an admin, or send a client token as HTTP Basic auth or Authorization: Bearer TOKEN' });
  t.is((await visitor.post(`results/${resultKey}/remove`, [['confirm', 'yes'], ['csrf', 'x']])).status, 403);

  t.is((await fetch(new URL('healthz', url))).status, 200);
  t.is((await fetch(new URL('static/style.css', url))).status, 200);
  const login = await visitor.get('login?next=%2Fpackages%2Fwidget');
  t.is(login.status, 200);
  const token = /name="csrf" value="([^"]+)"/.exec(login.html)![1]!;
  t.true(login.html.includes('<input type="hidden" name="next" value="/packages/widget">'));
  const signedIn = await visitor.post('login', [['csrf', token], ['name', 'alice'], ['password', PASSWORD], ['next', '/packages/widget']]);
  t.is(signedIn.headers.get('location'), '/packages/widget');
  t.is((await visitor.get('packages/widget')).status, 200);
  const asAdmin = await fetch(new URL('api/v1/packages', url), { headers: { Cookie: visitor.jar.header() } });
  t.is(asAdmin.status, 200);
});

test('on a private server a client token reads the JSON API, and clients still write under their own rules', async (t) => {
  const config = { ...PRIVATE, auth: { ...PRIVATE.auth, mode: 'tokens' as const } };
  const { url, db } = await startTestServer(t, { config });
  const coordinator = createCoordinator(await openTestStore(t, db));
  const { secret } = await coordinator.addClientToken('ci-1');

  const post = (headers: Record<string, string>) => fetch(new URL('api/v1/results', url), {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ client_info: { package: 'widget' }, results_list: [] }),
  });
  t.is((await post({})).status, 401, 'a write without a token keeps the tokens rule');
  t.is((await post({ Authorization: `Bearer ${secret}` })).status, 201);
  const basic = `Basic ${Buffer.from(`ci-1:${secret}`).toString('base64')}`;
  const read = await fetch(new URL('api/v1/packages', url), { headers: { Authorization: basic } });
  t.is(read.status, 200);
  t.deepEqual((await read.json() as { packages: Array<{ package: string }> }).packages.map((entry) => entry.package), ['widget']);
  t.is((await fetch(new URL('api/v1/packages', url), { headers: { Authorization: 'Bearer wrong' } })).status, 401);
  // A client token opens the JSON API only, not the pages.
  t.is((await fetch(new URL('', url), { headers: { Authorization: basic }, redirect: 'manual' })).status, 302);
  const admin = await addAdmin(db, 'alice', PASSWORD).then(() => signIn(url, 'alice', PASSWORD));
  t.is((await admin.get('')).status, 200);
});

test('on a private server XML-RPC reads need a client token, while anonymous writes keep the open rule', async (t) => {
  const { url, db } = await startTestServer(t, { config: PRIVATE });
  const anonymous = createThirdPartyClient(url);
  const [resultKey] = await anonymous.call('add_results', [makeClientInfo(), [makeStep()]]) as [number, string];
  const refused = await callExpectingFault(anonymous, 'get_results', [String(resultKey)]);
  t.is(refused.faultCode, -32001);
  t.regex(refused.faultString, /this server is private/);
  t.is((await callExpectingFault(anonymous, 'get_tagsets_for_package', ['widget'])).faultCode, -32001);

  const coordinator = createCoordinator(await openTestStore(t, db));
  const { secret } = await coordinator.addClientToken('reader');
  const withToken = createThirdPartyClient(url.replace('http://', `http://reader:${secret}@`));
  const [receipt] = await withToken.call('get_results', [String(resultKey)]) as [Record<string, unknown>];
  t.is(receipt.result_key, String(resultKey));
});

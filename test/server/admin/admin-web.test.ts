// Admin sessions, form tokens and who may act, over HTTP against a real server and database.
import test from 'ava';
import { EMPTY_SERVER_CONFIG, type ServerConfig } from '../../../server/config/types.ts';
import { createCoordinator } from '../../../server/index.ts';
import { createClock, countRows, openStoreOf, openTestStore, startTestServer } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { addResult } from '../web/page-helpers.ts';
import { addAdmin, createVisitor, signIn } from './admin-session.ts';

const PASSWORD = 'correct horse battery';
const TAGSET: Array<[string, string]> = [['tag', '__arch=linux-x86_64'], ['tag', '__host=builder-1'], ['tag', '__package=widget'], ['tag', 'node20']];
const withAuth = (mode: 'open' | 'tokens', extra: Partial<ServerConfig['auth']> = {}): ServerConfig =>
  ({ ...EMPTY_SERVER_CONFIG, auth: { ...EMPTY_SERVER_CONFIG.auth, mode, ...extra } });

test('signing in sets an HttpOnly, SameSite=Strict session cookie; a wrong name or password says only that', async (t) => {
  const { url, db } = await startTestServer(t, { config: withAuth('tokens') });
  await addAdmin(db, 'alice', PASSWORD);
  const visitor = createVisitor(url);
  const token = await visitor.readFormToken();
  t.regex(visitor.jar.cookies.get('pony_build_csrf')!, /^[\w-]{43}$/);

  for (const [name, password] of [['alice', 'wrong password'], ['nobody', PASSWORD]]) {
    const failed = await visitor.post('login', [['csrf', token], ['name', name!], ['password', password!]]);
    t.is(failed.status, 401);
    t.true(failed.html.includes('<p class="form-error" role="alert">wrong name or password</p>'));
    t.false(visitor.jar.cookies.has('pony_build_session'));
  }

  const signedIn = await visitor.post('login', [['csrf', token], ['name', 'alice'], ['password', PASSWORD], ['next', '/packages/widget']]);
  t.is(signedIn.status, 303);
  t.is(signedIn.headers.get('location'), '/packages/widget');
  const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith('pony_build_session='))!;
  t.regex(cookie, /^pony_build_session=[\w-]{43}; path=\/; expires=[^;]+; samesite=strict; httponly$/);
  t.notRegex(cookie, /secure/i);
  const page = await visitor.get('');
  t.regex(page.html, /<span class="admin-name">alice<\/span> · <form class="sign-out" method="post" action="\/logout">/);

  // The database holds only a hash of the session id.
  t.is(await countRows(db, 'admin_sessions'), 1);
  const sessionId = visitor.jar.cookies.get('pony_build_session')!;
  const coordinator = createCoordinator(await openTestStore(t, db));
  t.is((await coordinator.findAdminSession(sessionId))?.adminName, 'alice');

  const session = await visitor.readFormToken('');
  const signedOut = await visitor.post('logout', [['csrf', session]]);
  t.deepEqual([signedOut.status, signedOut.headers.get('location')], [303, '/']);
  t.false(visitor.jar.cookies.has('pony_build_session'));
  t.is(await coordinator.findAdminSession(sessionId), undefined);
  t.regex((await visitor.get('')).html, /<a class="sign-in" href="\/login">Sign in<\/a>/);
});

test('login sends on only to a path of this site', async (t) => {
  const { url, db } = await startTestServer(t);
  await addAdmin(db, 'alice', PASSWORD);
  for (const [next, location] of [['https://evil.example/', '/'], ['//evil.example/x', '/'], ['/\\evil.example', '/'], ['/results/1', '/results/1']]) {
    const visitor = createVisitor(url);
    const answer = await visitor.post('login', [['csrf', await visitor.readFormToken()], ['name', 'alice'], ['password', PASSWORD], ['next', next!]]);
    t.is(answer.headers.get('location'), location, next);
  }
});

test('the session cookie is Secure behind a trusted proxy that saw HTTPS, and only then', async (t) => {
  const { url, db } = await startTestServer(t, { trustProxy: true });
  await addAdmin(db, 'alice', PASSWORD);
  const proxied = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'ci.example.org', Origin: 'https://ci.example.org' };
  const visitor = createVisitor(url);
  const token = await visitor.readFormToken();
  const answer = await visitor.post('login', [['csrf', token], ['name', 'alice'], ['password', PASSWORD]], proxied);
  t.is(answer.status, 303);
  t.regex(answer.headers.getSetCookie().find((line) => line.startsWith('pony_build_session='))!, /; samesite=strict; secure; httponly$/);

  const untrusting = await startTestServer(t);
  await addAdmin(untrusting.db, 'alice', PASSWORD);
  const direct = createVisitor(untrusting.url);
  const plain = await direct.post('login', [['csrf', await direct.readFormToken()], ['name', 'alice'], ['password', PASSWORD]], { 'X-Forwarded-Proto': 'https' });
  t.is(plain.status, 303);
  t.notRegex(plain.headers.getSetCookie().join('\n'), /secure/i);
});

test('under --auth tokens anonymous visitors see no write buttons, and their posts are refused, removing nothing', async (t) => {
  const { url, db } = await startTestServer(t, { config: withAuth('tokens') });
  await addAdmin(db, 'alice', PASSWORD);
  const writer = createCoordinator(await openTestStore(t, db));
  const { resultKey } = await writer.addResults(makeClientInfo(), [makeStep()], { clientIp: '127.0.0.1' });

  const visitor = createVisitor(url);
  const page = await visitor.get(`results/${resultKey}`);
  t.false(page.html.includes('Request a build'));
  t.false(page.html.includes('Remove this result'));
  t.true(page.html.includes('<p class="sign-in-to-act"><a href="/login">Sign in</a> to request builds or remove results.</p>'));
  t.false((await visitor.get('packages/widget')).html.includes('Flush this tagset'));

  const token = await visitor.readFormToken();
  const posts: Array<[string, Array<[string, string]>, string]> = [
    ['packages/widget/build-requests', TAGSET, 'Requesting a build'],
    [`results/${resultKey}/remove`, [['confirm', 'yes']], 'Removing a result'],
    ['packages/widget/flush', [...TAGSET, ['confirm', 'yes']], 'Flushing a tagset'],
  ];
  for (const [path, fields, what] of posts) {
    const refused = await visitor.post(path, [...fields, ['csrf', token]]);
    t.is(refused.status, 403, path);
    t.true(refused.html.includes(`${what} needs an admin session: sign in first`), refused.html);
  }
  t.is(await countRows(db), 1);
  t.deepEqual(await writer.checkShouldBuild(makeClientInfo(), { reserveBuild: false }), { build: false, reason: 'build up to date' });
});

test('a form with a missing or wrong token, or from another site, is refused and removes nothing', async (t) => {
  const { url, db } = await startTestServer(t, { config: withAuth('tokens') });
  await addAdmin(db, 'alice', PASSWORD);
  const key = await addResultAsAdmin(db);
  const admin = await signIn(url, 'alice', PASSWORD);

  const missing = await admin.post(`results/${key}/remove`, [['confirm', 'yes']]);
  t.is(missing.status, 403);
  t.true(missing.html.includes('This form was stale or forged (it carries no form token): reload the page and send it again.'));
  t.true((await admin.post(`results/${key}/remove`, [['confirm', 'yes'], ['csrf', 'forged']])).html.includes('its form token is not the one given to this browser'));
  // The anonymous cookie's token is not the session's.
  const anonymous = createVisitor(url);
  t.is((await admin.post(`results/${key}/remove`, [['confirm', 'yes'], ['csrf', await anonymous.readFormToken()]])).status, 403);
  t.is((await admin.post(`results/${key}/remove`, [['confirm', 'yes'], ['csrf', admin.csrf]], { Origin: 'https://evil.example' })).status, 403);
  t.is((await admin.post(`results/${key}/remove`, [['csrf', admin.csrf]])).status, 400, 'not confirmed');
  t.is(await countRows(db), 1);

  // Under auth open, an anonymous visitor's form needs its double-submit cookie's token.
  const open = await startTestServer(t);
  const openKey = await addResult(open.url);
  const visitor = createVisitor(open.url);
  const token = await visitor.readFormToken(`results/${openKey}`);
  t.is((await visitor.post(`results/${openKey}/remove`, [['confirm', 'yes']])).status, 403);
  t.is((await createVisitor(open.url).post(`results/${openKey}/remove`, [['confirm', 'yes'], ['csrf', token]])).status, 403, 'the token without its cookie');
  t.is(await countRows(open.db), 1);
  const removed = await visitor.post(`results/${openKey}/remove`, [['confirm', 'yes'], ['csrf', token]]);
  t.deepEqual([removed.status, removed.headers.get('location')], [303, `/packages/widget?removed=${openKey}#notice`]);
  t.is(await countRows(open.db), 0);
});

test('an admin removes a result and flushes a tagset; the package page says what was removed', async (t) => {
  const { url, db } = await startTestServer(t, { config: withAuth('tokens') });
  await addAdmin(db, 'alice', PASSWORD);
  const first = await addResultAsAdmin(db);
  await addResultAsAdmin(db);
  await addResultAsAdmin(db, { tags: ['other'] });
  const admin = await signIn(url, 'alice', PASSWORD);

  const removed = await admin.post(`results/${first}/remove`, [['confirm', 'yes'], ['csrf', admin.csrf]]);
  t.is(removed.headers.get('location'), `/packages/widget?removed=${first}#notice`);
  t.true((await admin.get(`packages/widget?removed=${first}`)).html.includes(`<p class="confirmation" id="notice" role="status">Result #${first} was removed, with its test cases and files.</p>`));
  const flushed = await admin.post('packages/widget/flush', [...TAGSET, ['confirm', 'yes'], ['csrf', admin.csrf]]);
  t.is(flushed.headers.get('location'), '/packages/widget?flushed=1#notice');
  t.is(await countRows(db), 1);
  const flushedOther = await admin.post('packages/widget/flush', [['tag', '__arch=linux-x86_64'], ['tag', '__host=builder-1'], ['tag', 'other'], ['confirm', 'yes'], ['csrf', admin.csrf]]);
  t.is(flushedOther.status, 303);
  t.is(await countRows(db), 0);
  const empty = await admin.get('packages/widget?flushed=1');
  t.is(empty.status, 200, 'the page of a package with no results left still gives the notice');
  t.true(empty.html.includes('The tagset was flushed: 1 result was removed.'));
});

test('an expired session is refused, its cookie cleared and its row removed', async (t) => {
  const clock = createClock();
  const { url, db } = await startTestServer(t, { now: clock.now });
  await addAdmin(db, 'alice', PASSWORD);
  const admin = await signIn(url, 'alice', PASSWORD);
  clock.advance(7 * 24 * 3600 - 1);
  t.regex((await admin.get('')).html, /class="admin-name">alice</);
  clock.advance(1);
  const page = await admin.get('');
  t.regex(page.html, /Sign in<\/a>/);
  t.false(admin.jar.cookies.has('pony_build_session'));
  t.is(await countRows(db, 'admin_sessions'), 0);
});

test('an invisible upload is listed and served to a signed-in admin only, and goes with its result', async (t) => {
  const { url, db } = await startTestServer(t);
  await addAdmin(db, 'alice', PASSWORD);
  const [resultKey, authKey] = await createThirdPartyClient(url).call('add_results', [makeClientInfo(), [makeStep()]]) as [number, string];
  const query = new URLSearchParams({ description: 'the core', filename: 'core.dump', auth_key: authKey, visible: 'no' });
  t.is((await fetch(new URL(`upload?${query}`, url), { method: 'POST', body: 'core bytes' })).status, 200);

  const anonymous = createVisitor(url);
  t.false((await anonymous.get(`results/${resultKey}`)).html.includes('core.dump'));
  t.is((await anonymous.get(`results/${resultKey}/files/1`)).status, 404);

  const admin = await signIn(url, 'alice', PASSWORD);
  const page = await admin.get(`results/${resultKey}`);
  t.regex(page.html, /core\.dump<\/a> <span class="size">10 bytes<\/span> <span class="hidden-upload"[^>]*>hidden<\/span>/);
  const download = await admin.get(`results/${resultKey}/files/1/core.dump`);
  t.deepEqual([download.status, download.html], [200, 'core bytes']);

  t.is(await countRows(db, 'uploads'), 1);
  t.is((await admin.post(`results/${resultKey}/remove`, [['confirm', 'yes'], ['csrf', admin.csrf]])).status, 303);
  t.is(await countRows(db, 'uploads'), 0);
});

async function addResultAsAdmin(db: string, clientInfo: Record<string, unknown> = {}): Promise<number> {
  const coordinator = createCoordinator(await openStoreOf(db));
  try {
    return (await coordinator.addResults(makeClientInfo(clientInfo), [makeStep()], { clientIp: '127.0.0.1' })).resultKey;
  } finally {
    await coordinator.close();
  }
}

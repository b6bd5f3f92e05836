import test from 'ava';
import { createCoordinator } from '../../../server/index.ts';
import { createClock, createTestStore, startTestApp } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { makeClientInfo } from '../helpers/results.ts';
import { addResult, getPage } from './page-helpers.ts';

function listRows(html: string): string[] {
  return html.split('<tr class="tagset ').slice(1);
}

test('the dashboard lists failing tagsets first and flags failures of the last 24 hours', async (t) => {
  const clock = createClock();
  const { url } = await startTestApp(t, { now: clock.now });
  await addResult(url, { package: 'alpha', success: true });
  const oldFailure = await addResult(url, { package: 'beta', success: false, tags: ['old'] });
  clock.advance(2 * 86_400);
  const newFailure = await addResult(url, { package: 'gamma', success: false, host: 'mac-mini', arch: 'macosx-arm64' });
  await addResult(url, { package: 'delta', success: undefined, tags: ['none'] });
  clock.advance(3600);

  const { status, html } = await getPage(url, '');
  t.is(status, 200);
  const rows = listRows(html);
  t.is(rows.length, 4);
  t.true(rows[0]!.startsWith('fail'));
  t.true(rows[0]!.includes(`<a class="status fail" href="/results/${newFailure}">fail</a>`));
  t.true(rows[0]!.includes('<span class="flag" title="The latest result failed within the last 24 hours">failed in the last 24 h</span>'));
  t.true(rows[0]!.includes('<a class="package" href="/packages/gamma">gamma</a>'));
  t.true(rows[0]!.includes('<span class="host">mac-mini</span><span class="arch">macosx-arm64</span>'));
  t.true(rows[1]!.includes(`href="/results/${oldFailure}"`));
  t.false(rows[1]!.includes('class="flag"'), 'a failure older than a day is not flagged');
  t.true(rows[2]!.startsWith('unknown'));
  t.true(rows[3]!.startsWith('pass'));
  t.regex(rows[0]!, /<time datetime="[^"]+" title="\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC">1 hour ago<\/time>/);
  t.true(html.includes('<p class="meta">4 tagsets, 2 failing</p>'));
});

test('the dashboard sorts by package, age or host through plain links', async (t) => {
  const clock = createClock();
  const { url } = await startTestApp(t, { now: clock.now });
  await addResult(url, { package: 'zeta', host: 'a-host' });
  clock.advance(60);
  await addResult(url, { package: 'alpha', host: 'z-host', success: false });
  clock.advance(60);
  await addResult(url, { package: 'mid', host: 'm-host' });

  const packagesOf = (html: string) => listRows(html).map((row) => /<a class="package"[^>]*>([^<]+)</.exec(row)![1]);
  t.deepEqual(packagesOf((await getPage(url, '')).html), ['alpha', 'mid', 'zeta']);
  t.deepEqual(packagesOf((await getPage(url, '?sort=package')).html), ['alpha', 'mid', 'zeta']);
  t.deepEqual(packagesOf((await getPage(url, '?sort=age')).html), ['mid', 'alpha', 'zeta']);
  t.deepEqual(packagesOf((await getPage(url, '?sort=host')).html), ['zeta', 'mid', 'alpha']);

  const { html } = await getPage(url, '?sort=host');
  t.true(html.includes('<a href="/?sort=age">age</a>'));
  t.true(html.includes('<a href="/">status</a>'));
  t.true(html.includes('<th scope="col" aria-sort="ascending"><strong>host</strong></th>'));
  const bad = await getPage(url, '?sort=colour');
  t.is(bad.status, 400);
  t.true(bad.html.includes('the `sort` query parameter must be one of status, package, age, host, got &quot;colour&quot;'));
});

test('the dashboard marks a tagset as building while its reservation lasts', async (t) => {
  const clock = createClock();
  const { url } = await startTestApp(t, { now: clock.now });
  await addResult(url, { success: false, duration: 600 });
  clock.advance(60);
  const [build] = await createThirdPartyClient(url).call('check_should_build', [makeClientInfo(), true, 0]);
  t.true(build);

  let { html } = await getPage(url, '');
  t.regex(html, /<span class="building" title="Reserved [^"]+ UTC">building<\/span>/);
  const dashboard = await (await fetch(new URL('api/v1/dashboard', url))).json() as any;
  t.true(dashboard.tagsets[0].building);
  t.is(dashboard.tagsets[0].building_since, clock.now());

  // The allowance is the last build's duration, 600 s.
  clock.advance(601);
  ({ html } = await getPage(url, ''));
  t.false(html.includes('class="building"'));
});

test('the dashboard lists first builds of tagsets that have no result yet', async (t) => {
  const clock = createClock();
  const { url } = await startTestApp(t, { now: clock.now });
  const client = createThirdPartyClient(url);
  t.deepEqual(await client.call('check_should_build', [makeClientInfo({ package: 'fresh', tags: ['<new>'] }), true, 0]),
    [true, 'no build recorded for this tagset; build!']);
  clock.advance(60);

  const { html } = await getPage(url, '');
  t.true(html.includes('No results yet.'));
  const section = html.split('<h2>First builds in progress</h2>')[1]!;
  t.true(section.includes('<span class="building">building</span> <span class="package">fresh</span>'));
  t.true(section.includes('<span class="host">builder-1</span><span class="arch">linux-x86_64</span>'));
  t.true(section.includes('<span class="tag">&lt;new&gt;</span>'));
  const dashboard = await (await fetch(new URL('api/v1/dashboard', url))).json() as any;
  t.deepEqual(dashboard.first_builds, [{
    package: 'fresh',
    tagset: ['<new>', '__arch=linux-x86_64', '__host=builder-1', '__package=fresh'],
    tags: ['<new>'],
    building_since: clock.now() - 60,
  }]);

  // No duration is known, so the reservation holds for the default hour.
  clock.advance(3600);
  t.false((await getPage(url, '')).html.includes('First builds in progress'));
});

test('the dashboard escapes package names, hosts and tags', async (t) => {
  const { url } = await startTestApp(t);
  await addResult(url, { package: '<script>alert(1)</script>', host: '<b>h</b>', tags: ['<i>t</i>'] });
  const { html } = await getPage(url, '');
  t.false(html.includes('<script>alert'));
  t.false(html.includes('<b>h</b>'));
  t.true(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  t.true(html.includes('href="/packages/%3Cscript%3Ealert(1)%3C%2Fscript%3E"'));
  t.true(html.includes('<span class="tag">&lt;i&gt;t&lt;/i&gt;</span>'));
});

test('the dashboard lists missing expected builders and marks stale tagsets', async (t) => {
  const clock = createClock();
  const coordinator = createCoordinator(await createTestStore(t), {
    now: clock.now,
    expected: [
      { package: 'widget', host: null, arch: null, tags: [], maxAgeSeconds: 3600 },
      { package: 'ghost', host: 'nowhere', arch: null, tags: ['nightly'], maxAgeSeconds: 3600 },
    ],
  });
  const { url } = await startTestApp(t, { coordinator });
  const key = await addResult(url);
  clock.advance(2 * 3600);

  const { html } = await getPage(url, '');
  t.true(html.includes('<h2>Expected builders not reporting</h2>'));
  const builders = html.split('<ul class="expected-builders">')[1]!;
  t.true(builders.includes('<li class="stale"><span class="badge unknown">stale</span> <span class="package">widget</span>'));
  t.true(builders.includes(`<a href="/results/${key}">last seen</a>`));
  t.true(builders.includes('<li class="missing"><span class="badge unknown">missing</span> <span class="package">ghost</span>'));
  t.true(builders.includes('<span class="host">nowhere</span><span class="arch">any arch</span>'));
  t.true(builders.includes('<span class="tag">nightly</span>'));
  t.true(listRows(html)[0]!.includes('<span class="stale" title="An expected builder should have reported since">stale</span>'));
});

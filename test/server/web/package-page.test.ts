import test from 'ava';
import { createClock, startTestApp, startTestServer } from '../helpers/server.ts';
import { addResult, getPage, postBuildRequest } from './page-helpers.ts';

test('the package page shows each tagset with its streak and its last outcomes', async (t) => {
  const clock = createClock();
  const { url } = await startTestApp(t, { now: clock.now });
  const keys: number[] = [];
  // Oldest first: 9 passes, then 3 failures.
  for (const success of [...Array(9).fill(true), false, false, false]) {
    keys.push(await addResult(url, { success }));
    clock.advance(60);
  }
  await addResult(url, { success: true, host: 'other' });

  const { status, html } = await getPage(url, 'packages/widget');
  t.is(status, 200);
  const histories = html.split('<li class="history ').slice(1);
  t.is(histories.length, 2);
  const failing = histories.find((history) => history.includes('<span class="host">builder-1</span>'))!;
  t.true(failing.startsWith('fail'));
  t.true(failing.includes(`<span class="streak">failing since result #${keys[9]}, 3 results</span>`));
  t.true(failing.includes('<span class="passed">7 of the last 10 passed</span>'));
  const points = [...failing.matchAll(/<a class="point (\w+)" href="\/results\/(\d+)"/g)].map((match) => [match[1], Number(match[2])]);
  t.deepEqual(points, keys.slice(2).map((key, index) => [index < 7 ? 'pass' : 'fail', key]));
  t.true(failing.includes('<a class="latest-link" href="/packages/widget/latest?tag=node20&amp;host=builder-1&amp;arch=linux-x86_64">'));
  const other = histories.find((history) => history.includes('<span class="host">other</span>'))!;
  t.true(other.includes('passing since result #'));
  t.true(other.includes('1 result</span>'));
  t.true(other.includes('1 of the last 1 passed'));
});

test('the package page lists every result newest first, 50 a page, with older pages by key', async (t) => {
  const { url } = await startTestServer(t);
  const keys: number[] = [];
  for (let index = 0; index < 55; index++) {
    keys.push(await addResult(url, { success: index % 2 === 0, host: index < 5 ? 'old-host' : 'builder-1' }));
  }
  const listKeys = (html: string) => [...html.split('<section id="results">')[1]!.matchAll(/<a href="\/results\/(\d+)">#\d+<\/a>/g)].map((match) => Number(match[1]));

  const first = await getPage(url, 'packages/widget');
  t.deepEqual(listKeys(first.html), keys.slice(5).reverse());
  t.true(first.html.includes(`<a href="/packages/widget?before=${keys[5]}#results">Older results</a>`));
  t.false(first.html.includes('>Newest</a>'));
  const second = await getPage(url, `packages/widget?before=${keys[5]}`);
  t.deepEqual(listKeys(second.html), keys.slice(0, 5).reverse());
  t.false(second.html.includes('Older results'));
  t.true(second.html.includes('<a href="/packages/widget#results">Newest</a>'));

  const filtered = await getPage(url, 'packages/widget?host=old-host&status=failed');
  t.deepEqual(listKeys(filtered.html), [keys[3], keys[1]]);
  t.true(filtered.html.includes('<option value="old-host" selected>old-host</option>'));
  t.true(filtered.html.includes('<option value="failed" selected>fail</option>'));
  const byTag = await getPage(url, 'packages/widget?tag=nothing-has-this');
  t.true(byTag.html.includes('No results match on this page.'));
  const tagged = await getPage(url, 'packages/widget?tag=node20&status=passed&arch=linux-x86_64');
  t.is(listKeys(tagged.html).length, 28);

  t.is((await getPage(url, 'packages/widget?status=green')).status, 400);
  t.is((await getPage(url, 'packages/widget?before=abc')).status, 400);
  t.is((await getPage(url, 'packages/nothing')).status, 404);
});

test('the latest URL redirects to the newest result of the tagset', async (t) => {
  const { url } = await startTestServer(t);
  await addResult(url, { tags: ['a', 'b'] });
  const newest = await addResult(url, { tags: ['b', 'a'] });
  const elsewhere = await addResult(url, { tags: ['a', 'b'], host: 'other' });
  await addResult(url, { tags: ['a'] });

  const redirect = await getPage(url, 'packages/widget/latest?tag=a&tag=b&host=builder-1&arch=linux-x86_64');
  t.is(redirect.status, 302);
  t.is(redirect.headers.get('location'), `/results/${newest}`);
  const anyHost = await getPage(url, 'packages/widget/latest?tag=a&tag=b');
  t.is(anyHost.headers.get('location'), `/results/${elsewhere}`);
  t.is((await getPage(url, 'packages/widget/latest?tag=b&host=other')).status, 404);
  t.is((await getPage(url, 'packages/nothing/latest?tag=a')).status, 404);
});

test('badges show the worst latest status as escaped SVG, for the package or one tagset', async (t) => {
  const { url } = await startTestServer(t);
  await addResult(url, { tags: ['good'], success: true });
  await addResult(url, { tags: ['bad'], success: false });
  await addResult(url, { package: 'a<&>"pkg', success: true });

  const badge = await fetch(new URL('badges/widget.svg', url));
  t.is(badge.status, 200);
  t.is(badge.headers.get('content-type'), 'image/svg+xml');
  t.is(badge.headers.get('cache-control'), 'no-cache');
  const svg = await badge.text();
  t.true(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  t.true(svg.includes('<title>widget: failing</title>'));
  t.true((await (await fetch(new URL('badges/widget.svg?tag=good', url))).text()).includes('<title>widget: passing</title>'));
  t.true((await (await fetch(new URL('badges/nothing.svg', url))).text()).includes('<title>nothing: unknown</title>'));
  const escaped = await (await fetch(new URL(`badges/${encodeURIComponent('a<&>"pkg')}.svg`, url))).text();
  t.true(escaped.includes('<title>a&lt;&amp;&gt;&quot;pkg: passing</title>'));
  t.false(escaped.includes('a<&>'));
  t.is((await fetch(new URL('badges/widget.png', url))).status, 404);
});

test('the package page can request a build of each tagset and confirms it', async (t) => {
  const { url } = await startTestServer(t);
  await addResult(url, { tags: ['a'] });
  const { html } = await getPage(url, 'packages/widget');
  const form = /<form class="build-request" method="post" action="\/packages\/widget\/build-requests">([\s\S]*?)<\/form>/.exec(html)!;
  const fields = new URLSearchParams([...form[1]!.matchAll(/<input type="hidden" name="tag" value="([^"]*)">/g)].map((match): [string, string] => ['tag', match[1]!]));
  t.deepEqual(fields.getAll('tag'), ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'a']);
  const response = await postBuildRequest(url, 'widget', fields);
  t.is(response.status, 303);
  t.is(response.headers.get('location'), '/packages/widget?build=requested');
  t.true((await getPage(url, 'packages/widget?build=requested')).html.includes('<p class="confirmation" role="status">A build was requested'));
});

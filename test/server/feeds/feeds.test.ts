import test from 'ava';
import { EMPTY_SERVER_CONFIG } from '../../../server/config/types.ts';
import { createClock, startTestServer } from '../helpers/server.ts';
import { fetchFeed, getWithHeaders, sendResult } from './feed-helpers.ts';

test('the results feed lists results newest first with their change, first failing step and failing tests, linked absolutely', async (t) => {
  const { url } = await startTestServer(t);
  const passed = await sendResult(url, { success: true });
  const broke = await sendResult(url, { success: false });
  const stillFailing = await sendResult(url, { success: false, failingTest: 'multiplies' });
  const fixed = await sendResult(url, { success: true });

  const { response, feed } = await fetchFeed(`${url}feeds/results.rss`);
  t.is(response.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
  t.deepEqual(feed.items.map((item) => item.link), [fixed, stillFailing, broke, passed].map((key) => `${url}results/${key}`));
  t.deepEqual(feed.items.map((item) => item.title), [
    'widget [node20] on builder-1 (linux-x86_64): fixed',
    'widget [node20] on builder-1 (linux-x86_64): still failing',
    'widget [node20] on builder-1 (linux-x86_64): broke',
    'widget [node20] on builder-1 (linux-x86_64): passed',
  ]);
  const brokeItem = feed.items[2]!;
  t.regex(brokeItem.content!, /First failing step: step 2, test: exit status 1\./);
  t.regex(brokeItem.content!, /<li>math › adds: adds went wrong<\/li>/);
  t.is(brokeItem.guid, `urn:pony-build:result:${broke}:${Math.floor(Date.parse(brokeItem.isoDate!) / 1000)}`);
  t.not(response.headers.get('etag'), null);
  t.is(response.headers.get('last-modified'), new Date(feed.items[0]!.isoDate!).toUTCString());
});

test('a failures feed holds what broke, still fails or was fixed, in RSS and Atom alike', async (t) => {
  const { url } = await startTestServer(t);
  await sendResult(url, { success: true });
  const broke = await sendResult(url, { success: false });
  const stillFailing = await sendResult(url, { success: false });
  const fixed = await sendResult(url, { success: true });
  await sendResult(url, { success: true });
  await sendResult(url, { packageName: 'gadget', success: true });

  const expected = [fixed, stillFailing, broke].map((key) => `${url}results/${key}`);
  for (const path of ['feeds/failures.rss', 'feeds/failures.atom', 'feeds/packages/widget/failures.rss', 'feeds/packages/widget/failures.atom']) {
    const { response, feed } = await fetchFeed(`${url}${path}`);
    t.deepEqual(feed.items.map((item) => item.link), expected, path);
    t.is(response.headers.get('content-type'), path.endsWith('.atom') ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8');
  }
  const gadget = await fetchFeed(`${url}feeds/packages/gadget.atom`);
  t.deepEqual(gadget.feed.items.map((item) => item.title), ['gadget [node20] on builder-1 (linux-x86_64): passed']);
  t.is((await fetchFeed(`${url}feeds/packages/gadget/failures.rss`)).feed.items.length, 0);
});

test('a test named <script> is text in every feed reader, never markup', async (t) => {
  const { url } = await startTestServer(t);
  await sendResult(url, { packageName: '<b>pkg</b>', success: false, failingTest: '<script>alert(1)</script>' });
  for (const path of ['feeds/results.rss', 'feeds/results.atom']) {
    const { feed, text } = await fetchFeed(`${url}${path}`);
    const item = feed.items[0]!;
    const content = item.content ?? item.summary ?? '';
    t.true(content.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), path);
    t.false(content.includes('<script>'), path);
    t.false(content.includes('<b>'), path);
    t.is(item.title, '&lt;b&gt;pkg&lt;/b&gt; [node20] on builder-1 (linux-x86_64): broke', path);
    t.false(text.includes('<script>alert'), path);
  }
});

test('feeds answer 304 to a reader that has the current one, and 404 for unknown feeds and packages', async (t) => {
  const { url } = await startTestServer(t);
  await sendResult(url, { success: true });
  const first = await fetch(`${url}feeds/results.atom`);
  await first.text();
  const etag = first.headers.get('etag')!;
  t.is((await getWithHeaders(`${url}feeds/results.atom`, { 'If-None-Match': etag })).status, 304);
  t.is((await getWithHeaders(`${url}feeds/results.atom`, { 'If-Modified-Since': first.headers.get('last-modified')! })).status, 304);
  await sendResult(url, { success: false });
  t.is((await getWithHeaders(`${url}feeds/results.atom`, { 'If-None-Match': etag })).status, 200);
  for (const path of ['feeds/nothing.rss', 'feeds/results.json', 'feeds/packages/nobody.rss', 'feeds/packages/widget/all.rss']) {
    const response = await fetch(`${url}${path}`);
    await response.text();
    t.is(response.status, 404, path);
  }
});

test('the expected feed names builders that are missing or stale', async (t) => {
  const clock = createClock();
  const { url } = await startTestServer(t, {
    config: {
      ...EMPTY_SERVER_CONFIG,
      expected: [
        { package: 'widget', host: null, arch: null, tags: [], maxAgeSeconds: 1 },
        { package: 'ghost', host: 'nowhere', arch: null, tags: ['nightly'], maxAgeSeconds: 3600 },
      ],
    },
    now: clock.now,
  });
  const key = await sendResult(url, { success: true });
  clock.advance(7200);
  const { feed } = await fetchFeed(`${url}feeds/expected.rss`);
  t.deepEqual(feed.items.map((item) => item.title).sort(), ['ghost [nightly] on nowhere: missing', 'widget: stale']);
  const stale = feed.items.find((item) => item.title === 'widget: stale')!;
  t.is(stale.link, `${url}packages/widget`);
  t.true(stale.content!.includes(`${url}results/${key}`));
});

test('feeds link to the configured public_url, and name the WebSub hub and themselves', async (t) => {
  const { url } = await startTestServer(t, {
    config: {
      ...EMPTY_SERVER_CONFIG,
      publicUrl: 'https://ci.example.org/ci',
      websubHub: 'https://hub.example.org/',
    },
  });
  const key = await sendResult(url, { success: true });
  const { feed, text } = await fetchFeed(`${url}feeds/packages/widget.rss`);
  t.is(feed.items[0]!.link, `https://ci.example.org/ci/results/${key}`);
  t.true(text.includes('<atom:link href="https://ci.example.org/ci/feeds/packages/widget.rss" rel="self" type="application/rss+xml"/>'));
  t.true(text.includes('<atom:link href="https://hub.example.org/" rel="hub"/>'));
  const atom = await (await fetch(`${url}feeds/packages/widget.atom`)).text();
  t.true(atom.includes('<link rel="self" href="https://ci.example.org/ci/feeds/packages/widget.atom"/>'));
  t.true(atom.includes('<link rel="hub" href="https://hub.example.org/"/>'));
});

test('under a base path, feeds and their links carry it', async (t) => {
  // The site's root under its base path, whatever the server prints as its URL.
  const url = new URL('/ci/', (await startTestServer(t, { basePath: '/ci' })).url).href;
  const key = await sendResult(url, { success: true });
  const { feed, text } = await fetchFeed(`${url}feeds/results.rss`);
  t.is(feed.items[0]!.link, `${url}results/${key}`);
  t.true(text.includes(`href="${url}feeds/results.rss"`));
});

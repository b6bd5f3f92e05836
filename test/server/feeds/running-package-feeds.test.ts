// A package whose only build is still running: the feeds its package page links answer empty,
// so a reader can subscribe before the first result; a package nobody reported stays 404.
import test from 'ava';
import { createLiveClient } from '../helpers/live-client.ts';
import { makeClientInfo } from '../helpers/results.ts';
import { startTestServer } from '../helpers/server.ts';
import { fetchFeed } from './feed-helpers.ts';

test('the feeds a running first build\'s package page links are empty feeds, which fill once it finishes', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('json', url);
  const begun = await live.beginBuild(makeClientInfo({ package: 'newcomer' }));

  const page = await fetch(new URL('packages/newcomer', url));
  t.is(page.status, 200);
  const feedPaths = [...(await page.text()).matchAll(/<link rel="alternate" type="[^"]+" title="[^"]+" href="([^"]+)">/g)].map(([, href]) => href!);
  t.deepEqual(feedPaths, [
    '/feeds/packages/newcomer.rss', '/feeds/packages/newcomer.atom',
    '/feeds/packages/newcomer/failures.rss', '/feeds/packages/newcomer/failures.atom',
  ]);
  for (const feedPath of feedPaths) {
    const { response, feed } = await fetchFeed(new URL(feedPath, url).href);
    t.is(response.status, 200, feedPath);
    t.deepEqual(feed.items, [], feedPath);
    t.regex(feed.title ?? '', /^pony-build: newcomer /, feedPath);
  }

  await live.finishBuild(begun.updateToken, makeClientInfo({ package: 'newcomer' }));
  const { feed } = await fetchFeed(new URL('feeds/packages/newcomer.atom', url).href);
  t.deepEqual(feed.items.map((item) => item.link), [`${url}results/${begun.resultKey}`]);
});

test('a package with neither results nor a running build has no feed', async (t) => {
  const { url } = await startTestServer(t);
  await createLiveClient('json', url).beginBuild(makeClientInfo({ package: 'newcomer' }));
  for (const feedPath of ['feeds/packages/stranger.rss', 'feeds/packages/stranger/failures.atom']) {
    const response = await fetch(new URL(feedPath, url));
    t.is(response.status, 404, feedPath);
    t.regex(await response.text(), /No results or running builds of package &quot;stranger&quot; are known, so it has no feed\./);
  }
});

import test from 'ava';
import Parser from 'rss-parser';
import { openBrowserPage, saveScreenshot } from '../web/browser-helpers.ts';
import { startTestServer } from '../helpers/server.ts';
import { sendResult } from './feed-helpers.ts';

test('the footer leads to /feeds, whose every link is a feed a reader can parse; pages name their feeds in the head', async (t) => {
  const url = new URL('/ci/', (await startTestServer(t, { basePath: '/ci' })).url).href;
  const key = await sendResult(url, { success: false });
  const page = await openBrowserPage(t);

  await page.goto(url);
  t.deepEqual(await page.locator('link[rel="alternate"]').evaluateAll((links) => links.map((link) => link.getAttribute('href'))), [
    '/ci/feeds/results.rss', '/ci/feeds/results.atom', '/ci/feeds/failures.rss', '/ci/feeds/failures.atom',
  ]);
  await page.goto(`${url}results/${key}`);
  t.deepEqual(await page.locator('link[rel="alternate"][type="application/atom+xml"]').evaluateAll((links) => links.map((link) => link.getAttribute('href'))), [
    '/ci/feeds/packages/widget.atom', '/ci/feeds/packages/widget/failures.atom',
  ]);

  await page.locator('footer a', { hasText: 'Feeds' }).click();
  await page.waitForURL(`${url}feeds`);
  t.is(await page.locator('h1').textContent(), 'Feeds');
  await saveScreenshot(page, 'feeds-index');
  const hrefs = await page.locator('main ul.feeds a[type]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
  t.is(hrefs.length, 10);
  const parser = new Parser();
  for (const href of hrefs) {
    const response = await page.request.get(new URL(href, url).href);
    t.is(response.status(), 200, href);
    const feed = await parser.parseString(await response.text());
    t.true(feed.title!.startsWith('pony-build'), href);
  }
  await page.locator('a', { hasText: 'widget' }).first().click();
  await page.waitForURL(`${url}packages/widget`);
  t.pass();
});

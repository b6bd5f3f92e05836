import test from 'ava';
import { startTestServer } from '../helpers/server.ts';
import { getWithHeaders, sendResult } from './feed-helpers.ts';

test('every address of the original pony-build answers 301 with ours, under the base path', async (t) => {
  const url = new URL('/ci/', (await startTestServer(t, { basePath: '/ci' })).url).href;
  const key = await sendResult(url, { success: false });
  const redirects: Array<[string, string]> = [
    ['rss2/', '/ci/feeds'],
    ['rss2/all', '/ci/feeds/results.rss'],
    ['rss2/failed', '/ci/feeds/failures.rss'],
    ['rss2/widget-all', '/ci/feeds/packages/widget.rss'],
    ['rss2/widget-failures', '/ci/feeds/packages/widget/failures.rss'],
    ['rss2/_generic/', '/ci/feeds'],
    ['rss2/_generic/redirect?package=widget', '/ci/feeds#package-widget'],
    ['rss2/_generic/widget/', '/ci/feeds#package-widget'],
    ['rss2/_generic/widget/all', '/ci/feeds/packages/widget.rss'],
    ['rss2/_generic/widget/failed', '/ci/feeds/packages/widget/failures.rss'],
    ['p/', '/ci/'],
    ['p/widget/', '/ci/packages/widget'],
    ['p/widget/show_all', '/ci/packages/widget'],
    [`p/widget/${key}/`, `/ci/results/${key}`],
    [`p/widget/${key}/inspect`, `/ci/results/${key}`],
    [`p/widget/${key}/files/`, `/ci/results/${key}`],
    [`p/widget/${key}/request_build`, `/ci/results/${key}#build-request`],
    ['css', '/ci/static/style.css'],
  ];
  for (const [path, location] of redirects) {
    const response = await getWithHeaders(`${url}${path}`, {});
    t.is(response.status, 301, path);
    t.is(response.headers.location, location, path);
  }
  const latest = await getWithHeaders(`${url}p/widget/latest/`, {});
  t.is(latest.status, 302);
  t.is(latest.headers.location, `/ci/results/${key}`);
  for (const path of ['rss2/unknown', 'rss2/_generic/widget/other', `p/widget/${key}/files/missing.txt`, 'p/widget/latest/x']) {
    t.is((await getWithHeaders(`${url}${path}`, {})).status, 404, path);
  }
});

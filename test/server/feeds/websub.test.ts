import test from 'ava';
import { EMPTY_SERVER_CONFIG } from '../../../server/config/types.ts';
import { startTestServer } from '../helpers/server.ts';
import { sendResult, startHub } from './feed-helpers.ts';

const feedUrls = (url: string, paths: string[]) => paths.flatMap((path) => [`${url}${path}.rss`, `${url}${path}.atom`]).sort();

test('a new result publishes every feed it changed to the WebSub hub, form-encoded', async (t) => {
  const hub = await startHub(t);
  const { url } = await startTestServer(t, { config: { ...EMPTY_SERVER_CONFIG, websubHub: hub.url } });
  await sendResult(url, { success: true });
  await hub.waitForPings(4);
  t.deepEqual(hub.pings.map((ping) => ping.url).sort(), feedUrls(url, ['feeds/results', 'feeds/packages/widget']));
  t.true(hub.pings.every((ping) => ping.mode === 'publish' && ping.contentType === 'application/x-www-form-urlencoded'));

  await sendResult(url, { success: false });
  await hub.waitForPings(12);
  t.deepEqual(hub.pings.slice(4).map((ping) => ping.url).sort(), feedUrls(url, [
    'feeds/failures', 'feeds/packages/widget', 'feeds/packages/widget/failures', 'feeds/results',
  ]));
});

test('a hub that fails is tried again with backoff, and never holds a submission back', async (t) => {
  const hub = await startHub(t, { failFirst: 4 });
  const { url, logLines } = await startTestServer(t, { config: { ...EMPTY_SERVER_CONFIG, websubHub: hub.url, publicUrl: 'https://ci.example.org' } });
  const key = await sendResult(url, { success: true });
  t.is(key, 1);
  await hub.waitForPings(4);
  t.deepEqual(hub.answered.slice(0, 4), [503, 503, 503, 503]);
  t.deepEqual(hub.pings.map((ping) => ping.url).sort(), feedUrls('https://ci.example.org/', ['feeds/results', 'feeds/packages/widget']));
  t.true(logLines.some((line) => /^WebSub publish of https:\/\/ci\.example\.org\/feeds\/.* failed \(attempt 1 of 5\): The WebSub hub .* answered HTTP 503/.test(line)));
});

// The result page reads its result once, and shows the tagset the store has for it.
import path from 'node:path';
import test from 'ava';
import { createCoordinator, makeTagsetKey, openSqliteStore, type Store } from '../../../server/index.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createClock, makeTempDirectory, startTestApp } from '../helpers/server.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { getPage } from './page-helpers.ts';

// A real SQLite store that counts how often a whole result is read.
function openCountingStore(t: Parameters<typeof makeTempDirectory>[0]) {
  const store = openSqliteStore(path.join(makeTempDirectory(t), 'results.db'));
  const reads = { count: 0 };
  const counting: Store = {
    ...store,
    getResult(key) {
      reads.count++;
      return store.getResult(key);
    },
  };
  return { store: counting, reads };
}

test('the result page shows the result, its tests, its tagset links and its files, reading the result once', async (t) => {
  const clock = createClock(1_700_000_000);
  const { store, reads } = openCountingStore(t);
  const { url } = await startTestApp(t, { coordinator: createCoordinator(store, { now: clock.now }) });
  const client = createThirdPartyClient(url);
  const tags = ['node20', 'debug', '__secret'];
  const [first] = await client.call('add_results', [makeClientInfo({ tags }), [makeStep()]]);
  const [key, authKey] = await client.call('add_results', [
    makeClientInfo({ success: false, tags }),
    [makeStep({ name: 'configure' }), makeTestStep([makeTestCase({ name: 'adds', status: 'failed', message: 'off by one' })])],
  ]);
  await fetch(new URL(`upload?description=coverage&filename=cov.html&auth_key=${authKey}&visible=yes`, url), { method: 'POST', body: '<p>' });
  clock.advance(120);

  reads.count = 0;
  const { status, html } = await getPage(url, `results/${key}`);
  t.is(status, 200);
  t.is(reads.count, 1, 'the result is read once for its whole page');
  t.true(html.includes('<span class="package">widget</span> <span class="badge fail">fail</span>'));
  t.true(html.includes('<span class="host">builder-1</span> <span class="arch">linux-x86_64</span>'));
  t.true(html.includes('<span class="tags"><span class="tag">debug</span><span class="tag">node20</span></span>'), 'visible tags, in the tagset\'s order');
  t.true(html.includes('title="2023-11-14 22:13:20 UTC">2 minutes ago</time>'));
  t.true(html.includes('<th scope="row">client address</th><td>127.0.0.1</td>'));
  t.true(html.includes('<th scope="row">duration</th><td>42.5</td>'));
  t.true(html.includes('<p class="test-summary fail">1 test: 1 failed; 1 new failure</p>'));
  t.true(html.includes('<span class="step-name">configure</span>'));
  t.true(html.includes('<pre class="test-message">off by one</pre>'));
  t.true(html.includes(`<a href="/results/${first}" rel="prev">← previous</a>`));
  t.true(html.includes('<a href="/packages/widget/latest?tag=debug&amp;tag=node20&amp;host=builder-1&amp;arch=linux-x86_64">latest of this tagset</a>'));
  const form = /<form class="build-request"[^>]*>([\s\S]*?)<\/form>/.exec(html)![1]!;
  t.deepEqual([...form.matchAll(/name="tag" value="([^"]*)"/g)].map((match) => match[1]),
    ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', '__secret', 'debug', 'node20']);
  t.true(html.includes(`<a href="/results/${key}/files/1/cov.html" download="cov.html">cov.html</a>`));
});

test('the tagset shown is the stored one, even when client_info could not name it again', async (t) => {
  const store = openSqliteStore(path.join(makeTempDirectory(t), 'results.db'));
  const tagset = ['__arch=arm64', '__host=pi', '__package=widget', 'nightly'];
  // As an older server might have stored it: a client_info whose tags no longer read as a list.
  const key = await store.addResult({
    receivedAt: 1_700_000_000, clientIp: '10.0.0.7', package: 'widget', host: 'pi', arch: 'arm64',
    tagset, tagsetKey: makeTagsetKey(tagset), success: true, duration: null, authKey: 'k'.repeat(64), revision: null,
    clientInfo: { package: 'widget', tags: 'nightly' }, resultsList: [], testCases: [],
  });
  const { url } = await startTestApp(t, { coordinator: createCoordinator(store) });
  const { status, html } = await getPage(url, `results/${key}`);
  t.is(status, 200);
  t.true(html.includes('<span class="tags"><span class="tag">nightly</span></span>'));
  t.true(html.includes('<a href="/packages/widget/latest?tag=nightly&amp;host=pi&amp;arch=arm64">latest of this tagset</a>'));
  t.true(html.includes('<input type="hidden" name="tag" value="nightly">'));
});

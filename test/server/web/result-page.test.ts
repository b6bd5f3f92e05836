// The result page reads its result once, shows the tagset the store has for it, and shows its
// values as people read them; the whole log downloads as one file.
import test, { type ExecutionContext } from 'ava';
import { createCoordinator, makeTagsetKey, parseServerConfig, type Store } from '../../../server/index.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createClock, createTestStore, startTestApp, startTestServer } from '../helpers/server.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { addResult, getPage } from './page-helpers.ts';

// A real store that counts how often a whole result is read.
async function openCountingStore(t: ExecutionContext) {
  const store = await createTestStore(t);
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
  const { store, reads } = await openCountingStore(t);
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
  t.true(html.includes('<th scope="row">duration</th><td>42.5 s</td>'));
  t.true(html.includes('<p class="test-summary fail">1 test: 1 failed; 1 new failure</p>'));
  t.true(html.includes('<h3 class="step-name">configure</h3>'));
  t.true(html.includes('<pre class="test-message">off by one</pre>'));
  t.true(html.includes(`<a href="/results/${first}" rel="prev">← previous</a>`));
  t.true(html.includes('<a href="/packages/widget/latest?tag=debug&amp;tag=node20&amp;host=builder-1&amp;arch=linux-x86_64">latest of this tagset</a>'));
  const form = /<form class="build-request"[^>]*>([\s\S]*?)<\/form>/.exec(html)![1]!;
  t.deepEqual([...form.matchAll(/name="tag" value="([^"]*)"/g)].map((match) => match[1]),
    ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', '__secret', 'debug', 'node20']);
  t.true(html.includes(`<a href="/results/${key}/files/1/cov.html" download="cov.html">cov.html</a>`));
});

test('the tagset shown is the stored one, even when client_info could not name it again', async (t) => {
  const store = await createTestStore(t);
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

test('a revision links to its commit when the configuration says where its repository shows commits', async (t) => {
  const config = parseServerConfig({ commit_links: [
    { repository: 'https://example.org/other.git', url: 'https://other.example/{revision}' },
    { repository: 'https://example.org/', url: 'https://example.org/browse/commit/{revision}?from=pony' },
  ] });
  const { url } = await startTestServer(t, { config });
  const revision = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
  const checkout = { vcs: 'git', repository: 'https://example.org/widget.git', ref: 'main', revision, directory: 'widget' };
  const key = await addResult(url, { ...checkout, checkouts: [checkout, { ...checkout, repository: 'https://elsewhere.org/lib.git', revision: 'r"<x>' }] });
  const { html } = await getPage(url, `results/${key}`);
  const commitUrl = `https://example.org/browse/commit/${revision}?from=pony`.replaceAll('&', '&amp;');
  t.true(html.includes(`<p class="revision-line"><a class="revision" href="${commitUrl}">git main @ 1a2b3c4d5e6f</a></p>`));
  t.true(html.includes(`<th scope="row">revision</th><td><a href="${commitUrl}">${revision}</a></td>`));
  t.true(html.includes(`<dt>revision</dt><dd><a href="${commitUrl}">${revision}</a></dd>`), 'a checkout links its own revision');
  t.true(html.includes('<dt>revision</dt><dd>r&quot;&lt;x&gt;</dd>'), 'a repository without a link shows its revision as text');

  const unlinked = await startTestServer(t);
  const plain = await getPage(unlinked.url, `results/${await addResult(unlinked.url, checkout)}`);
  t.true(plain.html.includes('<p class="revision-line"><span class="revision">git main @ 1a2b3c4d5e6f</span></p>'));
});

test('client_info and step keys are readable fields; durations read as people say them; an allowed failure is amber', async (t) => {
  const { url } = await startTestServer(t);
  const key = await addResult(url, { duration: 0.19478018699999997, tags: ['node20', 'nightly'], node_dependencies: { typescript: '5.9.2' } }, [
    makeStep({ name: 'lint', status: 1, allowed_to_fail: true, duration: 0.0004, errout: '' }),
    makeStep({ name: 'hang', status: -1, termination: 'timeout', signal: 'SIGKILL', duration: 123 }),
  ]);
  const { html } = await getPage(url, `results/${key}`);
  t.true(html.includes('<th scope="row">duration</th><td>195 ms</td>'));
  t.true(html.includes('<th scope="row">success</th><td>pass</td>'));
  t.true(html.includes('<th scope="row">tags</th><td><span class="tags"><span class="tag">node20</span><span class="tag">nightly</span></span></td>'));
  t.true(html.includes('<th scope="row">node_dependencies</th><td><dl class="readable-fields"><dt>typescript</dt><dd>5.9.2</dd></dl></td>'));
  const steps = html.split('<li class="step ').slice(1);
  t.true(steps[0]!.startsWith('warn" id="step-1"'));
  t.true(steps[0]!.includes('<span class="badge warn">warn</span><h3 class="step-name">lint</h3>'));
  t.true(steps[0]!.includes('<span class="duration">&lt;1 ms</span>'));
  t.true(steps[0]!.includes('<p class="empty-streams">no errout</p>'));
  t.true(html.includes('Allowed to fail: <a href="#step-1">lint</a>'));
  t.true(steps[1]!.includes('<span class="duration">2 min 3 s</span>'));
  t.true(steps[1]!.includes('<dt>ended</dt><dd>timed out, killed by SIGKILL</dd>'));
  t.true(html.includes('<p class="first-failure">Failed at step 2 of 2: <a href="#step-2">hang</a> <span class="ending">(timed out, killed by SIGKILL)</span></p>'));
  t.true(html.includes('<a class="skip-link" href="#step-2">Skip to the first failure</a>'));
  for (const wrong of ['0.0 s', '0.19478', 'failed (allowed)', '>ok<', '{&quot;']) {
    t.false(html.includes(wrong), wrong);
  }
});

test('the whole log downloads as one file: every step in order, headed by its name', async (t) => {
  const { url } = await startTestServer(t);
  const key = await addResult(url, {}, [
    makeStep({ name: 'configure', output: 'checking...\n', errout: '', duration: 1.5 }),
    makeStep({ name: 'make check', status: 2, command: 'make check', output: 'FAIL: adds', errout: 'make: *** Error 2\n', duration: 125 }),
  ]);
  const response = await fetch(new URL(`results/${key}/log.txt`, url));
  t.is(response.status, 200);
  t.is(response.headers.get('content-type'), 'text/plain; charset=utf-8');
  t.is(response.headers.get('content-disposition'), `attachment; filename="widget-result-${key}.log"; filename*=UTF-8''widget-result-${key}.log`);
  t.is(await response.text(), [
    '==> step 1 of 2: configure (status 0, 1.5 s)',
    '$ make -j 2',
    '--- output',
    'checking...',
    '',
    '==> step 2 of 2: make check (status 2, 2 min 5 s)',
    '$ make check',
    '--- output',
    'FAIL: adds',
    '--- errout',
    'make: *** Error 2',
    '',
  ].join('\n'));
  const { html } = await getPage(url, `results/${key}`);
  t.true(html.includes(`<a class="download" href="/results/${key}/log.txt">Download the whole log</a>`));
  t.is((await fetch(new URL('results/999/log.txt', url))).status, 404);
});

test('a result that passed says so where a failure would be named, with no skip link', async (t) => {
  const { url } = await startTestServer(t);
  const key = await addResult(url, {}, [makeStep({ name: 'configure' }), makeStep()]);
  const { html } = await getPage(url, `results/${key}`);
  t.true(html.includes('<section class="summary pass" aria-label="Summary"><p>All 2 steps passed.</p></section>'));
  t.false(html.includes('skip-link'));
  t.false(html.includes('<dt>ended</dt>'));
});

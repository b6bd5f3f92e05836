import test from 'ava';
import { startTestServer } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { addResult, getPage, makeLogLine, postBuildRequest } from './page-helpers.ts';

test('the result page links the previous and next result of the same tagset', async (t) => {
  const { url } = await startTestServer(t);
  const first = await addResult(url);
  await addResult(url, { tags: ['other'] });
  const second = await addResult(url);
  const third = await addResult(url);

  const middle = await getPage(url, `results/${second}`);
  t.true(middle.html.includes(`<a href="/results/${first}" rel="prev">← previous</a>`));
  t.true(middle.html.includes(`<a href="/results/${third}" rel="next">next →</a>`));
  t.true(middle.html.includes('<a href="/packages/widget/latest?tag=node20&amp;host=builder-1&amp;arch=linux-x86_64">latest of this tagset</a>'));
  t.true(middle.html.includes('<a href="/packages/widget">widget</a>'));
  const oldest = await getPage(url, `results/${first}`);
  t.true(oldest.html.includes('<span class="muted">← previous</span>'));
  const newest = await getPage(url, `results/${third}`);
  t.true(newest.html.includes('<span class="muted">next →</span>'));
});

test('a build request from the result page is confirmed and makes check_should_build answer yes', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  const key = await addResult(url, { tags: ['node20', '__secret'] });
  t.deepEqual(await client.call('check_should_build', [makeClientInfo({ tags: ['node20', '__secret'] }), false, 0]), [false, 'build up to date']);

  const { html } = await getPage(url, `results/${key}`);
  const form = /<form class="build-request" id="build-request" method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
  t.truthy(form);
  t.is(form![1], '/packages/widget/build-requests');
  const fields = new URLSearchParams([...form![2]!.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((match): [string, string] => [match[1]!, match[2]!]));
  t.deepEqual(fields.getAll('tag'), ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', '__secret', 'node20']);
  t.is(fields.get('result'), String(key));

  const response = await postBuildRequest(url, 'widget', fields);
  t.is(response.status, 303);
  t.is(response.headers.get('location'), `/results/${key}?build=requested#build-request`);
  const confirmed = await getPage(url, `results/${key}?build=requested`);
  t.true(confirmed.html.includes('A build of this tagset was requested'));
  t.deepEqual(await client.call('check_should_build', [makeClientInfo({ tags: ['node20', '__secret'] }), false, 0]), [true, 'build requested']);
  t.deepEqual(await client.call('check_should_build', [makeClientInfo({ tags: ['node20', '__secret'] }), false, 0]), [false, 'build up to date']);
});

test('build requests must be same-origin form posts for a known tagset', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  const key = await addResult(url);
  const fields = new URLSearchParams([['tag', '__arch=linux-x86_64'], ['tag', '__host=builder-1'], ['tag', 'node20'], ['result', String(key)]]);

  t.is((await postBuildRequest(url, 'widget', fields, { Origin: 'https://evil.example' })).status, 403);
  t.is((await postBuildRequest(url, 'widget', fields, { Origin: '', Referer: 'https://evil.example/page' })).status, 403);
  t.is((await postBuildRequest(url, 'widget', fields, { Origin: '' })).status, 403);
  t.is((await postBuildRequest(url, 'widget', fields, { 'Content-Type': 'text/plain' })).status, 415);
  const unknown = new URLSearchParams([['tag', '__host=nowhere']]);
  t.is((await postBuildRequest(url, 'widget', unknown)).status, 400);
  t.deepEqual(await client.call('check_should_build', [makeClientInfo(), false, 0]), [false, 'build up to date']);

  const byReferer = await postBuildRequest(url, 'widget', fields, { Origin: '', Referer: new URL(`results/${key}`, url).href });
  t.is(byReferer.status, 303);
  t.deepEqual(await client.call('check_should_build', [makeClientInfo(), false, 0]), [true, 'build requested']);
});

test('long output shows its head and tail with a link to the whole text', async (t) => {
  const { url } = await startTestServer(t);
  const lines = Array.from({ length: 500 }, (_, index) => `line ${index + 1} <b>\n`);
  const key = await addResult(url, {}, [makeStep({ output: lines.join(''), errout: 'short\n' })]);

  const { html } = await getPage(url, `results/${key}`);
  t.true(html.includes(`<pre class="log output-head" tabindex="0" role="region" aria-label="output of make, first lines">${makeLogLine('step-1-L1', 1, 'line 1 &lt;b&gt;')}`));
  t.true(html.includes(`${makeLogLine('step-1-L40', 40, 'line 40 &lt;b&gt;')}</pre>`));
  t.false(html.includes('line 41 &lt;b&gt;'));
  t.true(html.includes('<p class="output-cut">… 380 lines (4881 characters) not shown · <a href="/results/'));
  t.true(html.includes(`<a href="/results/${key}/steps/0/output">see all</a>`));
  t.true(html.includes(`<pre class="log output-tail" tabindex="0" role="region" aria-label="output of make, last lines">${makeLogLine('step-1-L421', 421, 'line 421 &lt;b&gt;')}`));
  t.true(html.includes(`${makeLogLine('step-1-L500', 500, 'line 500 &lt;b&gt;')}</pre>`));
  t.true(html.includes(`<details class="stream"><summary>errout · 1 line</summary><pre class="log" tabindex="0" role="region" aria-label="errout of make">${makeLogLine('step-1-errout-L1', 1, 'short')}</pre></details>`));

  const full = await fetch(new URL(`results/${key}/steps/0/output`, url));
  t.is(full.status, 200);
  t.is(full.headers.get('content-type'), 'text/plain; charset=utf-8');
  t.is(full.headers.get('x-content-type-options'), 'nosniff');
  t.is(await full.text(), lines.join(''));
  t.is(await (await fetch(new URL(`results/${key}/steps/0/errout`, url))).text(), 'short\n');
  t.is((await fetch(new URL(`results/${key}/steps/1/output`, url))).status, 404);
  t.is((await fetch(new URL(`results/${key}/steps/0/stdin`, url))).status, 404);
});

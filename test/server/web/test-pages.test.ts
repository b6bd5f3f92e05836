import test from 'ava';
import { createClock, startTestApp } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>';

async function getPage(url: string, path: string) {
  const response = await fetch(new URL(path, url));
  return { status: response.status, html: await response.text() };
}

async function startWithHistory(t: import('ava').ExecutionContext) {
  const clock = createClock();
  const app = await startTestApp(t, { now: clock.now });
  const client = createThirdPartyClient(app.url);
  const add = async (cases: unknown[], overrides: Record<string, unknown> = {}, stepOverrides: Record<string, unknown> = {}) => {
    clock.advance(60);
    const [key] = await client.call('add_results', [makeClientInfo({ revision: 'r1', ...overrides }), [makeStep(), makeTestStep(cases, stepOverrides)]]);
    return key as number;
  };
  return { ...app, add };
}

test('the result page shows a test table per test step: counts, failures first, badges, history links', async (t) => {
  const { url, add } = await startWithHistory(t);
  await add([makeTestCase({ name: 'heals', status: 'failed' }), makeTestCase({ name: 'wobbles', status: 'failed' })]);
  const key = await add([
    makeTestCase({ name: 'heals' }),
    makeTestCase({ name: 'wobbles' }),
    makeTestCase({ name: 'skips', status: 'skipped' }),
    makeTestCase({ name: 'breaks', status: 'failed', message: 'expected 1', details: 'at line 3', output: 'printed' }),
  ], {}, { test_report_mismatch: 'exit status 0 but 1 test failed', test_report_warnings: ['report ended early'] });
  const { status, html } = await getPage(url, `results/${key}`);
  t.is(status, 200);
  t.true(html.includes('<p class="test-summary fail">4 tests: 2 passed, 1 failed, 1 skipped; 1 new failure; 2 fixed; 2 flaky</p>'));
  const step = html.split('<li class="step ').find((part) => part.includes('class="tests"'))!;
  t.true(step.startsWith('fail" id="step-2"'));
  t.true(step.includes('<p class="test-counts">4 tests: 2 passed, 1 failed, 1 skipped</p>'));
  t.true(step.includes('<strong>Report and exit status disagree:</strong> exit status 0 but 1 test failed'));
  t.true(step.includes('<ul class="test-warnings"><li>report ended early</li></ul>'));
  t.false(step.includes('<dt>test_cases</dt>'));
  const names = [...step.matchAll(/<a href="\/packages\/widget\/tests\?suite=math&amp;name=(\w+)">/g)].map((match) => match[1]);
  t.deepEqual(names, ['breaks', 'heals', 'wobbles', 'skips']);
  const rows = step.split('<tr class="test-case ').slice(1);
  t.true(rows[0]!.includes('<span class="badge fail">new failure</span>'));
  t.true(rows[0]!.includes('<pre class="test-message">expected 1</pre>'));
  t.true(rows[0]!.includes('<details class="test-details"><summary>details</summary><pre>at line 3</pre></details>'));
  t.true(rows[0]!.includes('<details class="test-details"><summary>output</summary><pre>printed</pre></details>'));
  t.true(rows[1]!.includes('<span class="badge pass">fixed</span> <span class="badge flaky">flaky</span>'));
  t.true(rows[0]!.includes(`<span class="strip" role="img" aria-label="recent results, oldest first: not run, fail"><span class="point absent" title="#${key - 1} not run"></span><span class="point fail" title="#${key} fail"></span></span>`));
});

test('the status links filter the test table on the server', async (t) => {
  const { url, add } = await startWithHistory(t);
  const key = await add([makeTestCase({ name: 'one' }), makeTestCase({ name: 'two', status: 'failed' }), makeTestCase({ name: 'three' })]);
  const { html } = await getPage(url, `results/${key}`);
  t.true(html.includes(`<nav class="test-filter" aria-label="Show tests by status"><strong aria-current="true">all 3</strong><a href="/results/${key}?status=passed#step-2">pass 2</a><a href="/results/${key}?status=failed#step-2">fail 1</a></nav>`));
  const filtered = await getPage(url, `results/${key}?status=passed`);
  t.true(filtered.html.includes('<strong aria-current="true">pass 2</strong>'));
  t.true(filtered.html.includes(`<a href="/results/${key}#step-2">all 3</a>`));
  t.true(filtered.html.includes('<p class="note">1 other tests are hidden by the filter.</p>'));
  t.true(filtered.html.includes('name=one"') && filtered.html.includes('name=three"'));
  t.false(filtered.html.includes('name=two"'));
  const unknown = await getPage(url, `results/${key}?status=nope`);
  t.is(unknown.status, 400);
  t.true(unknown.html.includes('the `status` query parameter must be one of passed, failed, error, skipped, todo, got &quot;nope&quot;'));
});

test('the test history page shows one test across tagsets with a status strip and result links', async (t) => {
  const { url, add } = await startWithHistory(t);
  const first = await add([makeTestCase({ name: 'adds' })], { tags: ['a'] });
  const second = await add([makeTestCase({ name: 'adds', status: 'failed', message: 'off by one' })], { tags: ['b'], revision: 'abc' });
  const { status, html } = await getPage(url, 'packages/widget/tests?suite=math&name=adds');
  t.is(status, 200);
  t.true(html.includes('<h1><span class="test-suite">math</span><span class="test-name">adds</span></h1>'));
  t.true(html.includes(`<a class="point pass" href="/results/${first}"`));
  t.true(html.indexOf(`<a class="point pass" href="/results/${first}"`) < html.indexOf(`<a class="point fail" href="/results/${second}"`));
  const rows = html.split('<tbody>')[1]!;
  t.true(rows.indexOf(`href="/results/${second}">#${second}</a>`) < rows.indexOf(`href="/results/${first}">#${first}</a>`));
  t.true(rows.includes('<span class="tag">b</span>'));
  t.true(rows.includes('<td class="revision">abc</td>'));
  t.true(rows.includes('<pre class="test-message">off by one</pre>'));
  const none = await getPage(url, 'packages/widget/tests?name=unknown');
  t.true(none.html.includes('No result of this package has reported this test.'));
  const missing = await getPage(url, 'packages/widget/tests?suite=math');
  t.is(missing.status, 400);
});

test('test names, suites, messages and output are escaped on both pages', async (t) => {
  const { url, add } = await startWithHistory(t);
  const hostile = `${SCRIPT}${ATTRIBUTE_BREAK}`;
  const key = await add([makeTestCase({ suite: hostile, name: hostile, status: 'failed', message: hostile, details: hostile, output: hostile, file: hostile })],
    {}, { test_report_mismatch: hostile, test_report_warnings: [hostile] });
  const pages = [
    await getPage(url, `results/${key}`),
    await getPage(url, `packages/widget/tests?suite=${encodeURIComponent(hostile)}&name=${encodeURIComponent(hostile)}`),
  ];
  for (const { status, html } of pages) {
    t.is(status, 200);
    t.false(html.includes('<script'));
    t.false(html.includes('<img'));
    t.true(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
  }
  // In an attribute the name is URL-encoded, so it cannot end the attribute either.
  t.true(pages[0]!.html.includes('name=%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22%3E%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E"'));
});

test('a result without test reports shows no test section', async (t) => {
  const { url } = await startTestApp(t);
  const [key] = await createThirdPartyClient(url).call('add_results', [makeClientInfo(), [makeStep()]]);
  const { html } = await getPage(url, `results/${key}`);
  t.false(html.includes('class="tests"'));
  t.false(html.includes('test-summary'));
});

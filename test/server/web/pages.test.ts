import test from 'ava';
import { createClock, startTestApp, startTestServer } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';
import { makeLogLine } from './page-helpers.ts';

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

async function getPage(url: string, path: string) {
  const response = await fetch(new URL(path, url));
  return { status: response.status, headers: response.headers, html: await response.text() };
}

test('the front page lists the latest result of each tagset, failures first', async (t) => {
  const clock = createClock(1_700_000_000);
  const { url } = await startTestApp(t, { now: clock.now });
  const client = createThirdPartyClient(url);
  await client.call('add_results', [makeClientInfo({ success: true }), []]);
  clock.advance(600);
  const [latest] = await client.call('add_results', [makeClientInfo({ success: false, tags: ['node20', '__secret'] }), []]);
  const [other] = await client.call('add_results', [makeClientInfo({ package: 'gadget', host: 'mac-mini', arch: 'macosx-arm64' }), []]);
  clock.advance(3 * 3600);

  const { status, headers, html } = await getPage(url, '');
  t.is(status, 200);
  t.regex(headers.get('content-type') ?? '', /^text\/html/);
  t.regex(headers.get('content-security-policy') ?? '', /default-src 'none'/);
  t.true(html.indexOf('<a class="package" href="/packages/widget">widget</a>') < html.indexOf('<a class="package" href="/packages/gadget">gadget</a>'));
  t.regex(html, new RegExp(`<a class="status fail" href="/results/${latest}">fail</a>`));
  t.regex(html, new RegExp(`<a class="status pass" href="/results/${other}">pass</a>`));
  t.true(html.includes('<span class="host">mac-mini</span>'));
  t.true(html.includes('<span class="arch">macosx-arm64</span>'));
  t.true(html.includes('<span class="tag">node20</span>'));
  t.false(html.includes('__secret'));
  t.false(html.includes('__package'));
  t.regex(html, /<time datetime="2023-11-14T22:23:20\.000Z" title="2023-11-14 22:23:20 UTC">3 hours ago<\/time>/);
});

test('the front page says so when there are no results', async (t) => {
  const { url } = await startTestServer(t);
  const { status, html } = await getPage(url, '');
  t.is(status, 200);
  t.true(html.includes('No results yet.'));
});

test('the result page shows client_info, every step, and opens failed steps', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  const [key] = await client.call('add_results', [
    makeClientInfo({ success: false, revision: 'abc123' }),
    [
      makeStep({ name: 'configure', output: 'checking for cc... yes\n' }),
      makeStep({ name: 'test', type: 'test', status: 2, command: 'npm test', output: 'not ok 1\n', errout: 'boom\n', version_info: 'v1' }),
    ],
  ]);
  const { status, html } = await getPage(url, `results/${key}`);
  t.is(status, 200);
  t.true(html.includes('<span class="package">widget</span>'));
  t.true(html.includes('<span class="badge fail">fail</span>'));
  for (const field of ['package', 'host', 'arch', 'success', 'tags', 'duration', 'revision']) {
    t.true(html.includes(`<th scope="row">${field}</th>`), field);
  }
  t.true(html.includes('<td>abc123</td>'));
  const steps = html.split('<li class="step ').slice(1);
  t.is(steps.length, 2);
  t.true(steps[0]!.startsWith('pass'));
  t.true(steps[0]!.includes('<h3 class="step-name">configure</h3>'));
  t.true(steps[0]!.includes('<code>make -j 2</code>'));
  t.true(steps[0]!.includes('<span class="duration">3.3 s</span>'));
  t.true(steps[0]!.includes(`<details class="stream"><summary>output · 1 line</summary><pre class="log" tabindex="0" role="region" aria-label="output of configure">${makeLogLine('step-1-L1', 1, 'checking for cc... yes')}</pre></details>`));
  t.true(steps[0]!.includes('<p class="empty-streams">no errout</p>'), 'an empty errout is not an empty box');
  t.false(steps[0]!.includes('<dt>ended</dt>'), 'a step that passed needs no words on how it ended');
  t.true(steps[1]!.startsWith('fail'));
  t.true(steps[1]!.includes('<span class="step-type">test</span>'));
  t.true(steps[1]!.includes('<dt>ended</dt><dd>exit status 2</dd>'));
  t.true(steps[1]!.includes('<dt>version_info</dt><dd>v1</dd>'));
  t.true(steps[1]!.includes(`<details class="stream" open><summary>output · 1 line</summary><pre class="log" tabindex="0" role="region" aria-label="output of test">${makeLogLine('step-2-L1', 1, 'not ok 1')}</pre></details>`));
  t.true(steps[1]!.includes(`<details class="stream" open><summary>errout · 1 line</summary><pre class="log" tabindex="0" role="region" aria-label="errout of test">${makeLogLine('step-2-errout-L1', 1, 'boom')}</pre></details>`));
});

test('binary output is shown as text with a note', async (t) => {
  const { url } = await startTestServer(t);
  const [key] = await createThirdPartyClient(url).call('add_results', [makeClientInfo(), [makeStep({ errout: Buffer.from([0x61, 0xff, 0x62]) })]]);
  const { html } = await getPage(url, `results/${key}`);
  t.true(html.includes(`<p class="note">3 bytes that are not valid UTF-8; undecodable bytes are shown as \uFFFD</p><pre class="log" tabindex="0" role="region" aria-label="errout of make">${makeLogLine('step-1-errout-L1', 1, 'a\uFFFDb')}</pre>`));
});

test('untrusted text is escaped on both pages: logs, tags, step names, package names', async (t) => {
  const { url } = await startTestServer(t);
  const [key] = await createThirdPartyClient(url).call('add_results', [
    makeClientInfo({ package: `pkg${SCRIPT}`, host: `host${SCRIPT}`, tags: [`tag${SCRIPT}`], note: SCRIPT }),
    [makeStep({ name: `step${SCRIPT}`, output: `log${SCRIPT}`, errout: Buffer.from(`err${SCRIPT}`), command: ['echo', SCRIPT] })],
  ]);
  for (const path of ['', `results/${key}`]) {
    const { html } = await getPage(url, path);
    t.false(html.includes('<script'), `no <script in /${path}`);
    t.true(html.includes(ESCAPED_SCRIPT), `escaped in /${path}`);
  }
  const { html } = await getPage(url, `results/${key}`);
  for (const expected of [`pkg${ESCAPED_SCRIPT}`, `tag${ESCAPED_SCRIPT}`, `step${ESCAPED_SCRIPT}`, `log${ESCAPED_SCRIPT}`, `err${ESCAPED_SCRIPT}`]) {
    t.true(html.includes(expected), expected);
  }
});

test('an unknown result is a 404 page', async (t) => {
  const { url } = await startTestServer(t);
  for (const path of ['results/999', 'results/abc', 'no/such/page']) {
    const { status, headers, html } = await getPage(url, path);
    t.is(status, 404, path);
    t.regex(headers.get('content-type') ?? '', /^text\/html/);
    t.true(html.includes('<h1>Not found</h1>'));
  }
});

test('the stylesheet is served from the site itself', async (t) => {
  const { url } = await startTestServer(t);
  const response = await fetch(new URL('static/style.css', url));
  t.is(response.status, 200);
  t.regex(response.headers.get('content-type') ?? '', /^text\/css/);
  t.true((await response.text()).includes('.status'));
});

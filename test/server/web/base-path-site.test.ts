// The whole site under /ci behind a reverse proxy: filled through the proxy by pony-build's own
// client (recipes run as a user runs them, and the client library), every link reachable from
// /ci/ stays under /ci/ and answers, redirects keep the prefix, nothing is served outside it, and
// a running build's page follows the build through the proxy in a real chromium.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { parseServerUrl, sendResults, type ClientInfo, type StepResult } from '../../../runner/index.ts';
import { projectRoot, runTypeScript, startTypeScript, type Running } from '../../helpers/child-process.ts';
import { createLiveClient } from '../helpers/live-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createFileDb } from '../helpers/server.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';
import { startProxiedSite, type ProxiedSite } from './base-path-site.ts';
import { collectDialogs, DESKTOP, openBrowserPage, waitForText } from './browser-helpers.ts';

const RECIPES = path.join(projectRoot, 'test/fixtures/recipes');

let site: ProxiedSite;
let database: Awaited<ReturnType<typeof createFileDb>>;
let directory: string;
let liveRecipe: Running;
let liveGoFile: string;
let liveResultKey: string;
let longResultKey: string;

test.before(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'pony-test-base-path-'));
  database = await createFileDb();
  site = await startProxiedSite(directory, database.serveArguments);
  // Two first builds of their packages held running: the live recipe's in its second step, and
  // beginLongBuild's after a step long enough to be cut. Their pages link feeds, a latest of
  // their tagset and a step's full output before any result of theirs has finished.
  liveGoFile = path.join(directory, 'go');
  liveRecipe = startTypeScript(path.join(RECIPES, 'live.ts'), ['--report', site.url, '--debug', '--force-build'], {
    cwd: directory, env: { GO_FILE: liveGoFile },
  });
  const [stderr] = await Promise.all([
    readStderrUntil(liveRecipe, 'append_output: step 1 output'),
    ...['passing', 'failing', 'artifacts'].map((name) => runRecipe(name)),
    sendTestResults(),
    beginLongBuild(),
  ]);
  liveResultKey = /begin_build: result (\d+) is live/.exec(stderr)![1]!;
});

test.after.always(async () => {
  writeFileSync(liveGoFile, '');
  await liveRecipe?.finished;
  await site?.close();
  await database?.remove();
  rmSync(directory, { recursive: true, force: true });
});

async function runRecipe(name: string): Promise<void> {
  const cwd = mkdtempSync(path.join(directory, `${name}-`));
  const run = await runTypeScript(path.join(RECIPES, `${name}.ts`), ['--report', site.url], { cwd });
  if (!/Result reported: /.test(run.stdout)) {
    throw new Error(`the ${name} recipe reported nothing:\n${run.stdout}\n${run.stderr}`);
  }
}

/** Two results of one tagset through the client library: all tests passing, then some failing, with a log long enough to be cut. */
async function sendTestResults(): Promise<void> {
  const server = parseServerUrl(site.url);
  const longOutput = Array.from({ length: 300 }, (_, index) => `line ${index + 1}\n`).join('');
  const passing = Array.from({ length: 7 }, (_, index) => makeTestCase({ name: `case ${index + 1}` }));
  const failing = passing.map((testCase, index) => (index < 6 ? { ...testCase, status: 'failed', message: 'expected 1' } : testCase));
  for (const [cases, success] of [[passing, true], [failing, false]] as const) {
    const steps = [makeStep({ output: longOutput }), makeTestStep(cases)];
    await sendResults(server, makeClientInfo({ success }) as unknown as ClientInfo, steps as unknown as StepResult[]);
  }
}

/** A live build through the client library's protocol, held running after a finished step whose output is long enough to be cut. */
async function beginLongBuild(): Promise<void> {
  const live = createLiveClient('json', site.url);
  const begun = await live.beginBuild(makeClientInfo({ package: 'long-running' }));
  const longOutput = Array.from({ length: 300 }, (_, index) => `line ${index + 1}\n`).join('');
  await live.addStep(begun.updateToken, makeStep({ name: 'configure', output: longOutput }));
  longResultKey = String(begun.resultKey);
}

function readStderrUntil(running: Running, text: string): Promise<string> {
  let stderr = '';
  return new Promise((resolve, reject) => {
    running.child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes(text)) {
        resolve(stderr);
      }
    });
    running.child.once('close', () => reject(new Error(`the recipe ended without printing ${text}:\n${stderr}`)));
  });
}

interface PageLink {
  tag: string;
  url: URL;
  method: string;
}

const ELEMENT = /<(a|link|script|img|form)\b([^>]*)>/g;
const ATTRIBUTE = /\s(href|src|action|method|data-live-stream)="([^"]*)"/g;

/** Every link, stylesheet, script, image and form of a page, resolved against it; anchors within the page left out. */
function findPageLinks(html: string, pageUrl: string): PageLink[] {
  const links: PageLink[] = [];
  for (const [, tag, attributes] of html.matchAll(ELEMENT)) {
    const values = Object.fromEntries([...attributes!.matchAll(ATTRIBUTE)].map(([, name, value]) => [name, decodeEntities(value!)]));
    const target = values.href ?? values.src ?? values.action;
    if (target !== undefined && !target.startsWith('#')) {
      links.push({ tag: tag!, url: new URL(target, pageUrl), method: (values.method ?? 'get').toLowerCase() });
    }
  }
  return links;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|quot|lt|gt|#39);/g, (_, name: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'" })[name]!);
}

function isUnderBase(url: URL): boolean {
  return url.origin === new URL(site.url).origin && url.pathname.startsWith('/ci/');
}

test.serial('every link, stylesheet, script, image and form reachable from /ci/ stays under /ci/ and answers', async (t) => {
  const queue = [new URL(site.url)];
  const visited = new Set<string>([site.url]);
  const outside: string[] = [];
  const failed: string[] = [];
  const posts: string[] = [];
  const liveStreams: string[] = [];
  const enqueue = (url: URL, from: string) => {
    url.hash = '';
    if (!isUnderBase(url)) {
      outside.push(`${url.href} (from ${from})`);
    } else if (!visited.has(url.href)) {
      visited.add(url.href);
      queue.push(url);
    }
  };
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    const response = await fetch(url, { redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      enqueue(new URL(response.headers.get('location')!, url), `the redirect of ${url.pathname}${url.search}`);
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      failed.push(`${url.pathname}${url.search}: ${response.status}`);
    }
    if (!response.headers.get('content-type')?.startsWith('text/html')) {
      await response.arrayBuffer();
      continue;
    }
    const html = await response.text();
    liveStreams.push(...[...html.matchAll(/data-live-stream="([^"]*)"/g)].map(([, value]) => decodeEntities(value!)));
    for (const link of findPageLinks(html, url.href)) {
      if (link.method === 'post') {
        posts.push(link.url.href);
        (isUnderBase(link.url) ? [] : outside).push(`${link.url.href} (a form of ${url.pathname})`);
      } else {
        enqueue(link.url, `${link.tag} on ${url.pathname}${url.search}`);
      }
    }
  }

  t.deepEqual(outside, [], 'nothing links outside /ci/');
  t.deepEqual(failed, [], 'every page and file answers');
  const paths = [...visited].map((href) => { const url = new URL(href); return `${url.pathname}${url.search}`; });
  for (const expected of [
    /^\/ci\/static\/style\.css$/, /^\/ci\/static\/live-result\.js$/, /^\/ci\/\?sort=age$/,
    /^\/ci\/packages\/fixture-passing$/, /^\/ci\/packages\/fixture-failing$/, /^\/ci\/badges\/widget\.svg$/,
    /^\/ci\/packages\/widget\/latest\?/, /^\/ci\/packages\/widget$/, /^\/ci\/packages\/widget\/tests\?/,
    new RegExp(`^/ci/results/${liveResultKey}$`), /^\/ci\/results\/\d+\?status=failed$/, /^\/ci\/results\/\d+\/log\.txt$/,
    /^\/ci\/results\/\d+\/steps\/0\/output$/, /^\/ci\/results\/\d+\/files\/\d+\/pkg-1\.0\.0\.tgz$/,
    /^\/ci\/packages\/fixture-live$/, /^\/ci\/feeds\/packages\/fixture-live\.rss$/, /^\/ci\/feeds\/packages\/fixture-live\/failures\.atom$/,
    new RegExp(`^/ci/results/${longResultKey}/steps/0/output$`),
  ]) {
    t.true(paths.some((visitedPath) => expected.test(visitedPath)), `the crawl reached ${expected}`);
  }
  // Forms that change things (build requests, and whatever else the pages offer) are not sent, only checked above to stay under /ci/.
  t.true(posts.some((post) => /^\/ci\/packages\/[^/]+\/build-requests$/.test(new URL(post).pathname)), posts.join('\n'));
  t.deepEqual(
    liveStreams.map((stream) => stream.replace(/cursor=[\d.]+/, 'cursor=…')).sort(),
    [`/ci/results/${liveResultKey}/live?cursor=…`, `/ci/results/${longResultKey}/live?cursor=…`].sort(),
  );
});

test.serial('the latest link and a build request redirect under /ci/; the JSON API gives result pages under /ci/ too', async (t) => {
  const packagePage = await (await fetch(new URL('packages/fixture-passing', site.url))).text();
  const latestLink = decodeEntities(/class="latest-link" href="([^"]*)"/.exec(packagePage)![1]!);
  t.regex(latestLink, /^\/ci\/packages\/fixture-passing\/latest\?/);
  const latest = await fetch(new URL(latestLink, site.url), { redirect: 'manual' });
  const packages = (await (await fetch(new URL('api/v1/packages', site.url))).json()) as { packages: Array<{ package: string; tagsets: Array<{ tagset: string[]; latest: { url: string } }> }> };
  const passing = packages.packages.find((entry) => entry.package === 'fixture-passing')!.tagsets[0]!;
  t.regex(passing.latest.url, /^\/ci\/results\/\d+$/);
  t.is(latest.status, 302, await latest.text());
  t.is(latest.headers.get('location'), passing.latest.url);

  // The form as the result page holds it, sent back with the form token's cookie, as a browser would.
  const resultPage = await fetch(new URL(passing.latest.url, site.url));
  const cookie = resultPage.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
  t.true(resultPage.headers.getSetCookie().every((line) => /; path=\/ci(;|$)/.test(line)), 'cookies are scoped to /ci');
  const formHtml = /<form class="build-request" id="build-request" method="post" action="([^"]*)">(.*?)<\/form>/.exec(await resultPage.text())!;
  t.is(decodeEntities(formHtml[1]!), '/ci/packages/fixture-passing/build-requests');
  const form = new URLSearchParams([...formHtml[2]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)]
    .map(([, name, value]): [string, string] => [name!, decodeEntities(value!)]));
  const requested = await fetch(new URL(decodeEntities(formHtml[1]!), site.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(site.url).origin, Cookie: cookie },
    body: form.toString(),
  });
  t.is(requested.status, 303, await requested.text());
  t.is(requested.headers.get('location'), `${passing.latest.url}?build=requested#build-request`);
  const page = await fetch(new URL(requested.headers.get('location')!, site.url));
  t.regex(await page.text(), /A build of this tagset was requested/);

  const added = await fetch(new URL('api/v1/results', site.url), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ client_info: makeClientInfo({ package: 'json-client' }), results_list: [] }),
  });
  t.is(added.status, 201);
  const { result_key: resultKey } = (await added.json()) as { result_key: number };
  t.is(added.headers.get('location'), `/ci/api/v1/results/${resultKey}`);
});

test('outside /ci nothing is served, and the log shows each path as the client sent it', async (t) => {
  for (const outsidePath of ['/', '/results/1', '/static/style.css', '/xmlrpc', '/healthz', '/cix/', '/api/v1/packages']) {
    const response = await fetch(new URL(outsidePath, site.url));
    t.is(response.status, 404, outsidePath);
    await response.arrayBuffer();
  }
  const health = await fetch(new URL('healthz', site.url));
  t.is(health.status, 200);
  await health.arrayBuffer();
  await site.waitForServerLog(/ GET \/ci\/healthz 200 \d+ms 127\.0\.0\.1\n/);
  await site.waitForServerLog(/ GET \/cix\/ 404 \d+ms 127\.0\.0\.1\n/);
  t.pass();
});

test.serial('the page of a running build, opened through the proxy, follows it live under /ci/ and turns into the result', async (t) => {
  const live = createLiveClient('json', site.url);
  const begun = await live.beginBuild(makeClientInfo({ package: 'followed' }));
  await live.appendOutput(begun.updateToken, 0, 'output', 'checking for cc... yes\n');

  const page = await openBrowserPage(t, { viewport: DESKTOP });
  const dialogs = collectDialogs(page);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  let loads = 0;
  page.on('load', () => (loads += 1));
  await page.goto(new URL(`results/${begun.resultKey}`, site.url).href);
  await waitForText(page, '.live-notice', 'New steps and output appear here as they come');

  await live.appendOutput(begun.updateToken, 0, 'output', 'compiling widget.c\n');
  await waitForText(page, '#running-step pre.live-log[data-stream="output"]', 'compiling widget.c');
  await live.addStep(begun.updateToken, makeStep({ name: 'configure', output: 'checking for cc... yes\ncompiling widget.c\n' }));
  await waitForText(page, '#step-1 h3', 'configure');
  await live.finishBuild(begun.updateToken, makeClientInfo({ package: 'followed' }));
  await waitForText(page, '.summary', 'The step passed.');

  t.is(await page.locator('h1 .badge').innerText(), 'pass');
  t.is(loads, 1, 'the page was never reloaded');
  t.deepEqual(dialogs, []);
  const paths = requested.map((href) => new URL(href).pathname);
  t.true(paths.includes(`/ci/results/${begun.resultKey}/live`), paths.join('\n'));
  t.true(paths.includes('/ci/static/live-result.js'), paths.join('\n'));
  // A browser asks for /favicon.ico by itself; no page links it.
  t.true(requested.filter((href) => new URL(href).pathname !== '/favicon.ico').every((href) => isUnderBase(new URL(href))), requested.join('\n'));
});

// Two real servers on one PostgreSQL database and one data directory behave as one server: one
// build decision for a crowd of clients spread over both, a live build followed in a browser on
// the instance it is not sent to, one request budget per address across both, and files stored
// through either served by the other. Skipped, loudly, without PostgreSQL.
import http from 'node:http';
import path from 'node:path';
import type { ExecutionContext } from 'ava';
import { parseServerConfig, startServer, type RunningServer, type ServerOptions } from '../../server/index.ts';
import { createTestDatabase, postgresTest } from '../helpers/postgres.ts';
import { createLiveClient } from './helpers/live-client.ts';
import { makeClientInfo, makeStep } from './helpers/results.ts';
import { createClock, makeTempDirectory } from './helpers/server.ts';
import { createThirdPartyClient, methodCall } from './helpers/xmlrpc-client.ts';
import { DESKTOP, openBrowserPage, saveScreenshot, waitForText } from './web/browser-helpers.ts';

/** Two servers started together on one new database and data directory, closed when the test ends. */
async function startTwoInstances(t: ExecutionContext, options: ServerOptions = {}): Promise<[RunningServer, RunningServer]> {
  const db = await createTestDatabase(t);
  const dataDir = path.join(makeTempDirectory(t), 'files');
  const start = async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', ...options, db, dataDir });
    t.teardown(() => server.close());
    return server;
  };
  return Promise.all([start(), start()]);
}

async function postJson(url: string, apiPath: string, body: unknown): Promise<any> {
  const response = await fetch(new URL(`api/v1/${apiPath}`, url), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    throw new Error(`POST /api/v1/${apiPath} answered ${response.status}: ${JSON.stringify(answer)}`);
  }
  return answer;
}

postgresTest('twenty clients asking both instances at once whether to build one tagset: exactly one is told to build', async (t) => {
  const [a, b] = await startTwoInstances(t);
  const clientInfo = makeClientInfo();
  // Over both transports on both instances, all at once: [build, reason] pairs either way.
  const ask = (index: number): Promise<[boolean, string]> => {
    const url = index % 2 === 0 ? a.url : b.url;
    if (index % 4 < 2) {
      return createThirdPartyClient(url).call('check_should_build', [clientInfo]);
    }
    return postJson(url, 'check-should-build', { client_info: clientInfo })
      .then((answer: { build: boolean; reason: string }) => [answer.build, answer.reason]);
  };
  const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => ask(index)));
  t.deepEqual(answers.filter(([build]) => build), [[true, 'no build recorded for this tagset; build!']]);
  t.deepEqual(new Set(answers.filter(([build]) => !build).map(([, reason]) => reason)), new Set(['may be in build now']));
});

const RUNNING_OUTPUT = '#running-step pre.live-log[data-stream="output"]';

postgresTest('a live build sent to one instance is followed on the other\'s result page, without a reload', async (t) => {
  // An hour between heartbeats: every change the page shows reached instance B as a notification.
  const [a, b] = await startTwoInstances(t, { config: parseServerConfig({ live: { heartbeat: '1h' } }) });
  const live = createLiveClient('json', a.url);
  const begun = await live.beginBuild(makeClientInfo());
  await live.appendOutput(begun.updateToken, 0, 'output', 'checking for cc... yes\n');

  const page = await openBrowserPage(t, { viewport: DESKTOP });
  let loads = 0;
  page.on('load', () => (loads += 1));
  await page.goto(new URL(`results/${begun.resultKey}`, b.url).href);
  await waitForText(page, '.live-notice', 'New steps and output appear here as they come');
  t.is(await page.locator(RUNNING_OUTPUT).innerText(), 'checking for cc... yes\n');

  await live.appendOutput(begun.updateToken, 0, 'output', 'compiling widget.c\n');
  await waitForText(page, RUNNING_OUTPUT, 'compiling widget.c');
  t.is(await page.locator(RUNNING_OUTPUT).innerText(), 'checking for cc... yes\ncompiling widget.c\n');

  await live.addStep(begun.updateToken, makeStep({ name: 'configure', output: 'checking for cc... yes\n' }));
  await waitForText(page, '#step-1 h3', 'configure');
  t.is(await page.locator('#running-step .step-number').innerText(), '2', 'the running card moved on to the next step');
  await saveScreenshot(page, 'multi-instance-live-result');

  await live.addStep(begun.updateToken, makeStep({ name: 'test', status: 1, errout: 'test_math.c:3: assertion failed\n' }));
  await live.finishBuild(begun.updateToken, makeClientInfo({ success: false }));
  await waitForText(page, '.first-failure', 'Failed at step 2 of 2');
  t.is(await page.locator('h1 .badge').innerText(), 'fail');
  t.is(loads, 1, 'the page was never reloaded');
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

// node:http without keep-alive, so that every request is a new one from the same address.
function request(url: string, requestPath: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(new URL(requestPath, url), {
      method: body === undefined ? 'GET' : 'POST', agent: false, headers: body === undefined ? {} : { 'Content-Type': 'text/xml' },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({
        status: response.statusCode!, retryAfter: response.headers['retry-after'], body: Buffer.concat(chunks).toString('utf8'),
      }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

postgresTest('one address gets six requests a minute from both instances together, then 429 from either', async (t) => {
  // The clock stands still 20 s into a minute, so the window cannot turn during the test.
  const clock = createClock();
  const [a, b] = await startTwoInstances(t, { now: clock.now, config: parseServerConfig({ limits: { requests_per_minute: 6 } }) });
  const statuses = [];
  for (let index = 0; index < 6; index += 1) {
    statuses.push((await request(index % 2 === 0 ? a.url : b.url, 'api/v1/packages')).status);
  }
  t.deepEqual(statuses, [200, 200, 200, 200, 200, 200]);

  const refusal = 'too many requests from 127.0.0.1: this server takes at most 6 requests a minute from one address '
    + '(limits.requests_per_minute is 6); retry after 40 s';
  const json = await request(a.url, 'api/v1/packages');
  t.is(json.status, 429);
  t.is(json.retryAfter, '40');
  t.deepEqual(JSON.parse(json.body), { error: refusal });
  const xmlrpc = await request(b.url, 'xmlrpc', methodCall('list_packages'));
  t.is(xmlrpc.status, 429, 'the other instance refuses too');
  t.is(xmlrpc.retryAfter, '40');
  t.is(xmlrpc.body, `${refusal}\n`);
  t.is((await request(a.url, 'api/v1/packages')).status, 429, 'and the first again');
  t.is((await request(b.url, 'healthz')).status, 200, '/healthz is never counted');

  clock.advance(40);
  t.is((await request(b.url, 'api/v1/packages')).status, 200, 'the next minute starts a new budget');
  t.is((await request(a.url, 'api/v1/packages')).status, 200, 'on both instances');
});

postgresTest('a file uploaded through one instance downloads from the other', async (t) => {
  const [a, b] = await startTwoInstances(t);
  const stored = await postJson(a.url, 'results', { client_info: makeClientInfo(), results_list: [makeStep()] });
  const content = Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 13, ...Buffer.from('build log\n')]);
  const query = new URLSearchParams({ description: 'the log', filename: 'build.log', auth_key: stored.auth_key, visible: 'yes' });
  const upload = await fetch(new URL(`upload?${query}`, a.url), { method: 'POST', body: content });
  t.is(await upload.text(), `stored build.log (${content.length} bytes) with result ${stored.result_key}\n`);

  const page = await (await fetch(new URL(`results/${stored.result_key}`, b.url))).text();
  const link = /href="\/(results\/\d+\/files\/\d+\/build\.log)"/.exec(page);
  t.truthy(link, 'instance B lists the file on the result page');
  const download = await fetch(new URL(link![1]!, b.url));
  t.is(download.status, 200);
  t.deepEqual(Buffer.from(await download.arrayBuffer()), content);
});

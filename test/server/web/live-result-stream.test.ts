// GET /results/<key>/live: a running build as Server-Sent Events, read the way a browser reads
// them, over a real server. Every wait is for the event the server must send next.
import test from 'ava';
import { parseServerConfig } from '../../../server/index.ts';
import { createLiveClient } from '../helpers/live-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createClock, startTestServer } from '../helpers/server.ts';
import { openEventStream } from './event-stream-reader.ts';

function streamUrl(url: string, resultKey: number, query = ''): string {
  return new URL(`results/${resultKey}/live${query}`, url).href;
}

test('a follower sees the running step\'s output, each finished step and the end as they happen; then the stream ends', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('json', url);
  const begun = await live.beginBuild(makeClientInfo());
  const stream = await openEventStream(t, streamUrl(url, begun.resultKey));

  t.is(stream.response.status, 200);
  t.is(stream.response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  t.is(stream.response.headers.get('cache-control'), 'no-cache, no-transform', 'proxies must neither cache nor rewrite it');
  t.is(stream.response.headers.get('x-accel-buffering'), 'no', 'nginx must pass each event on at once');
  t.deepEqual(await stream.next(), { kind: 'retry', ms: 2000 });

  await live.appendOutput(begun.updateToken, 0, 'output', 'checking \u001b[32mcc\u001b[0m... yes\n');
  const output = await stream.nextEvent();
  t.is(output?.event, 'output');
  t.deepEqual(JSON.parse(output!.data), { index: 0, stream: 'output', text: 'checking cc... yes\n' }, 'live text is plain');
  t.is(output?.id, '0.28.0', 'the id is the position: steps seen, characters of output and errout sent');

  await live.addStep(begun.updateToken, makeStep({ name: 'configure <script>alert(1)</script>', output: 'checking cc... yes\n' }));
  const step = await stream.nextEvent();
  t.is(step?.event, 'step');
  t.is(step?.id, '1.0.0');
  const stepData = JSON.parse(step!.data);
  t.is(stepData.number, 1);
  t.false(stepData.failed);
  t.true(stepData.html.startsWith('<li class="step pass" id="step-1">'));
  t.true(stepData.html.includes('<h3 class="step-name">configure &lt;script&gt;alert(1)&lt;/script&gt;</h3>'), 'a step name is escaped');

  await live.appendOutput(begun.updateToken, 1, 'errout', 'warning: unused\n');
  const errout = await stream.nextEvent();
  t.deepEqual(JSON.parse(errout!.data), { index: 1, stream: 'errout', text: 'warning: unused\n' });
  t.is(errout?.id, '1.0.16');

  await live.finishBuild(begun.updateToken, makeClientInfo({ success: true }));
  const end = await stream.nextEvent();
  t.is(end?.event, 'state');
  t.deepEqual(JSON.parse(end!.data), { state: 'finished' });
  t.deepEqual(await stream.next(), { kind: 'end' }, 'the stream ends with the build');
});

test('a reconnecting browser resumes from its Last-Event-ID, which wins over the page\'s cursor', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('xmlrpc', url);
  const begun = await live.beginBuild(makeClientInfo());
  await live.appendOutput(begun.updateToken, 0, 'output', 'one\n');
  await live.addStep(begun.updateToken, makeStep({ name: 'configure', output: 'one\n' }));
  await live.appendOutput(begun.updateToken, 1, 'output', 'two\n');

  const resumed = await openEventStream(t, streamUrl(url, begun.resultKey, '?cursor=0.0.0'), { 'Last-Event-ID': '0.4.0' });
  const step = await resumed.nextEvent();
  t.is(step?.event, 'step', 'the output seen before is not sent again');
  t.is(JSON.parse(step!.data).index, 0);
  t.deepEqual(JSON.parse((await resumed.nextEvent())!.data), { index: 1, stream: 'output', text: 'two\n' });

  const fromPage = await openEventStream(t, streamUrl(url, begun.resultKey, '?cursor=1.2.0'));
  t.deepEqual(JSON.parse((await fromPage.nextEvent())!.data), { index: 1, stream: 'output', text: 'o\n' }, 'a page starts after what it printed');

  await live.appendOutput(begun.updateToken, 1, 'output', 'three\n');
  t.deepEqual(JSON.parse((await fromPage.nextEvent())!.data), { index: 1, stream: 'output', text: 'three\n' });
});

test('a quiet build gets heartbeats, and a build abandoned for silence ends its stream saying so', async (t) => {
  const clock = createClock();
  const config = parseServerConfig({ live: { heartbeat: 0.05, abandon_after: '10m' } });
  const { url } = await startTestServer(t, { config, now: clock.now });
  const live = createLiveClient('json', url);
  const begun = await live.beginBuild(makeClientInfo());
  await live.appendOutput(begun.updateToken, 0, 'output', 'compiling\n');
  const stream = await openEventStream(t, streamUrl(url, begun.resultKey));
  t.is((await stream.nextEvent())?.event, 'output');

  let item = await stream.next();
  t.deepEqual(item, { kind: 'comment', text: 'heartbeat' }, 'nothing happens, yet the connection carries something');

  clock.advance(600);
  do {
    item = await stream.next();
  } while (item.kind === 'comment');
  t.is(item.kind, 'event');
  t.is(item.kind === 'event' && item.event.event, 'state');
  t.deepEqual(item.kind === 'event' && JSON.parse(item.event.data), { state: 'abandoned' });
  t.deepEqual(await stream.next(), { kind: 'end' });
});

test('closing the server ends open streams cleanly instead of cutting them', async (t) => {
  const { url, server } = await startTestServer(t);
  const live = createLiveClient('json', url);
  const begun = await live.beginBuild(makeClientInfo());
  const stream = await openEventStream(t, streamUrl(url, begun.resultKey));
  t.is((await stream.next()).kind, 'retry');
  await server.close();
  // A cut connection makes the read reject ("terminated"); an ended stream reads to its end.
  t.deepEqual(await stream.next(), { kind: 'end' });
});

test('a finished result\'s stream says so and ends; an unknown result is a 404; a bad position is a 400 naming it', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('json', url);
  const stored = await live.addResults(makeClientInfo(), [makeStep()]);
  const finished = await openEventStream(t, streamUrl(url, stored.resultKey));
  t.deepEqual(JSON.parse((await finished.nextEvent())!.data), { state: 'finished' });
  t.deepEqual(await finished.next(), { kind: 'end' });

  const unknown = await fetch(streamUrl(url, 999));
  t.is(unknown.status, 404);
  t.true((await unknown.text()).includes('999'));

  const begun = await live.beginBuild(makeClientInfo({ tags: ['other'] }));
  const badCursor = await fetch(streamUrl(url, begun.resultKey, '?cursor=later'));
  t.is(badCursor.status, 400);
  t.true((await badCursor.text()).includes('Expected cursor to be a position such as &quot;3.1200.0&quot;'));
  const badId = await fetch(streamUrl(url, begun.resultKey), { headers: { 'Last-Event-ID': '1.2' } });
  t.is(badId.status, 400);
  t.true((await badId.text()).includes('Last-Event-ID'));
});

test('the dashboard and the package page list running builds with their current step, and mark the tagset being built', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('json', url);
  await live.addResults(makeClientInfo({ success: false }), [makeStep({ status: 1 })]);
  const begun = await live.beginBuild(makeClientInfo());
  await live.addStep(begun.updateToken, makeStep({ name: 'configure <b>' }));

  for (const path of ['', 'packages/widget']) {
    const html = await (await fetch(new URL(path, url))).text();
    const section = html.slice(html.indexOf('<section class="running-builds"'), html.indexOf('</section>', html.indexOf('running-builds')));
    t.true(section.includes('<h2 id="running-heading">Running now</h2>'), path);
    t.true(section.includes(`<a class="current-step" href="/results/${begun.resultKey}">#${begun.resultKey}: step 2, after configure &lt;b&gt;</a>`), path);
    t.true(html.includes(`<a class="running-mark" href="/results/${begun.resultKey}">running step 2, after configure &lt;b&gt;</a>`), `${path}: the tagset's row says it is being built`);
  }

  await live.finishBuild(begun.updateToken, makeClientInfo());
  const after = await (await fetch(url)).text();
  t.false(after.includes('Running now'));
  t.false(after.includes('running-mark'));
});

test('a package whose only build is running has a page that lists it', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('json', url);
  const begun = await live.beginBuild(makeClientInfo({ package: 'newcomer' }));
  const response = await fetch(new URL('packages/newcomer', url));
  t.is(response.status, 200);
  t.true((await response.text()).includes(`href="/results/${begun.resultKey}">#${begun.resultKey}: step 1</a>`));
  t.is((await fetch(new URL('packages/nobody', url))).status, 404);
});

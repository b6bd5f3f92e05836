// A live build whose client stopped calling becomes abandoned once its last call is older than
// its allowance, keeping what it sent; a fake clock moves time instead of waiting for it.
import test, { type ExecutionContext } from 'ava';
import { createCoordinator, type Coordinator } from '../../../server/index.ts';
import type { LivePolicy, RetentionPolicy } from '../../../server/config/types.ts';
import { createLiveClient, readLiveResult } from '../helpers/live-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createClock, createTestStore, startTestApp } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

const TAGSET = ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'node20'];

async function setUp(t: ExecutionContext, live?: LivePolicy, retention?: RetentionPolicy) {
  const clock = createClock();
  const coordinator: Coordinator = createCoordinator(await createTestStore(t), { now: clock.now, live, retention });
  const app = await startTestApp(t, { coordinator });
  return { ...app, clock, live: createLiveClient('xmlrpc', app.url), rpc: createThirdPartyClient(app.url) };
}

function makeBegunInfo(overrides: Record<string, unknown> = {}) {
  const { duration: _duration, ...begun } = makeClientInfo({ success: false });
  return { ...begun, submission_id: 'c3d9a1e7-5f2b-4a6c-8e0d-1b7f3a9c5e2d', ...overrides };
}

async function readState(url: string, resultKey: number): Promise<string> {
  return (await readLiveResult(url, resultKey)).state;
}

test('a build silent for an hour (no earlier result of its tagset) is abandoned, keeping its steps and output', async (t) => {
  const { url, clock, live, rpc } = await setUp(t);
  const begun = await live.beginBuild(makeBegunInfo());
  const configure = makeStep({ name: 'configure' });
  await live.addStep(begun.updateToken, configure);
  await live.appendOutput(begun.updateToken, 1, 'output', 'compiling widget.c\n', 0);

  clock.advance(3599);
  t.is(await readState(url, begun.resultKey), 'running');
  t.is(await rpc.call('get_last_result_for_tagset', ['widget', TAGSET]), 0);

  clock.advance(1);
  const abandoned = await readLiveResult(url, begun.resultKey);
  t.is(abandoned.state, 'abandoned');
  t.deepEqual(abandoned.results_list, [configure]);
  t.deepEqual(abandoned.running_step, { index: 1, output: 'compiling widget.c\n', errout: '' });

  // Now it is a result of its tagset, and a failed one.
  const [receipt, clientInfo, resultsList] = await rpc.call('get_results', [begun.resultKey]);
  t.is(receipt.result_key, String(begun.resultKey));
  t.deepEqual([clientInfo, resultsList], [makeBegunInfo(), [configure]]);
  t.is((await rpc.call('get_last_result_for_tagset', ['widget', TAGSET]))[0].result_key, String(begun.resultKey));
  const dashboard = await (await fetch(new URL('api/v1/dashboard', url))).json() as any;
  t.like(dashboard.tagsets[0], { result_count: 1, latest: { result_key: begun.resultKey, success: false, status: 'failed' } });
  t.deepEqual(await rpc.call('check_should_build', [makeClientInfo()]), [true, 'last build was unsuccessful; go!']);
});

test('every call keeps a build alive: the allowance counts from the last one', async (t) => {
  const { url, clock, live } = await setUp(t);
  const begun = await live.beginBuild(makeBegunInfo());
  clock.advance(3000);
  await live.appendOutput(begun.updateToken, 0, 'output', 'still here\n', 0);
  clock.advance(3000);
  t.is(await readState(url, begun.resultKey), 'running');
  clock.advance(600);
  t.is(await readState(url, begun.resultKey), 'abandoned');
});

test('the allowance is the duration of the tagset\'s last finished build, at most four hours', async (t) => {
  const { url, clock, live } = await setUp(t);
  await live.addResults(makeClientInfo({ duration: 120 }), [makeStep()]);
  const quick = await live.beginBuild(makeBegunInfo({ submission_id: 'quick' }));
  clock.advance(119);
  t.is(await readState(url, quick.resultKey), 'running');
  clock.advance(1);
  t.is(await readState(url, quick.resultKey), 'abandoned');

  await live.addResults(makeClientInfo({ host: 'slow-builder', duration: 10 * 3600 }), [makeStep()]);
  const slow = await live.beginBuild(makeBegunInfo({ submission_id: 'slow', host: 'slow-builder' }));
  clock.advance(4 * 3600 - 1);
  t.is(await readState(url, slow.resultKey), 'running');
  clock.advance(1);
  t.is(await readState(url, slow.resultKey), 'abandoned');
});

test('live.abandon_after in the server config replaces the allowance', async (t) => {
  const { url, clock, live } = await setUp(t, { abandonAfterSeconds: 30, heartbeatSeconds: 15 });
  const begun = await live.beginBuild(makeBegunInfo());
  clock.advance(29);
  t.is(await readState(url, begun.resultKey), 'running');
  clock.advance(1);
  t.is(await readState(url, begun.resultKey), 'abandoned');
});

test('an abandoned build still takes what its client sends, and finishing it makes it finished, counted once', async (t) => {
  const { url, clock, live, coordinator } = await setUp(t, { abandonAfterSeconds: 60, heartbeatSeconds: 15 });
  const begun = await live.beginBuild(makeBegunInfo());
  clock.advance(60);
  t.is(await coordinator.abandonStaleBuilds(), 1);
  t.is(await coordinator.abandonStaleBuilds(), 0);

  const step = makeStep({ name: 'late step' });
  await live.addStep(begun.updateToken, step);
  t.deepEqual(await readLiveResult(url, begun.resultKey), {
    ...await readLiveResult(url, begun.resultKey),
    state: 'abandoned',
    results_list: [step],
  });

  const finished = await live.finishBuild(begun.updateToken, makeBegunInfo({ success: true }), [step]);
  t.is(finished.resultKey, begun.resultKey);
  t.is(await readState(url, begun.resultKey), 'finished');
  const [tagset] = (await coordinator.getDashboard()).tagsets;
  t.like(tagset, { resultCount: 1, latest: { resultKey: begun.resultKey, success: true } });
});

test('a running build is never pruned or removed; once abandoned it is a result like any other', async (t) => {
  const { clock, live, coordinator } = await setUp(t, { abandonAfterSeconds: 60, heartbeatSeconds: 15 }, { keepLast: 1, maxAgeDays: null, intervalSeconds: 3600 });
  const older = await live.addResults(makeClientInfo(), [makeStep()]);
  const begun = await live.beginBuild(makeBegunInfo());
  const newer = await live.addResults(makeClientInfo(), [makeStep()]);
  // Of the two finished results only the newest is kept; the running build is not one of them.
  t.like(await coordinator.pruneResults(), { removed: 1 });
  t.is(await coordinator.getResult(older.resultKey), undefined);
  await t.throwsAsync(coordinator.removeResult(begun.resultKey), { message: `no result has the key ${begun.resultKey}` });
  clock.advance(60);
  // Abandoned, it counts in its tagset, below the newer result.
  t.like(await coordinator.removeResult(begun.resultKey), { resultKey: begun.resultKey, tagsetLatestKey: newer.resultKey });
});

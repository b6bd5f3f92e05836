import test from 'ava';
import { createClock, startTestApp, startTestServer } from '../helpers/server.ts';
import { addResult } from './page-helpers.ts';

async function getJson(url: string, path: string) {
  const response = await fetch(new URL(path, url));
  return { status: response.status, body: await response.json() as any };
}

test('GET /api/v1/dashboard lists every tagset with its latest result and build state', async (t) => {
  const clock = createClock();
  const { url } = await startTestApp(t, { now: clock.now });
  const key = await addResult(url, { success: false, tags: ['x'] });
  const { status, body } = await getJson(url, 'api/v1/dashboard');
  t.is(status, 200);
  t.is(body.now, clock.now());
  t.deepEqual(body.tagsets, [{
    package: 'widget',
    tagset: ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'x'],
    tags: ['x'],
    result_count: 1,
    latest: { result_key: key, time: clock.now(), host: 'builder-1', arch: 'linux-x86_64', success: false, status: 'failed', duration: 42.5, url: `/results/${key}` },
    building: false,
    building_since: null,
    failed_recently: true,
  }]);
});

test('GET /api/v1/packages/<package>/history gives each tagset its streak and recent outcomes', async (t) => {
  const { url } = await startTestServer(t);
  const keys = [];
  for (const success of [true, false, false]) {
    keys.push(await addResult(url, { success }));
  }
  const { body } = await getJson(url, 'api/v1/packages/widget/history');
  t.is(body.package, 'widget');
  t.is(body.tagsets.length, 1);
  const [history] = body.tagsets;
  t.deepEqual(history.streak, { status: 'failed', since_result_key: keys[1], length: 2, complete: true });
  t.deepEqual(history.recent.map((point: any) => [point.result_key, point.status]), [[keys[2], 'failed'], [keys[1], 'failed'], [keys[0], 'passed']]);
  t.is(history.passed_count, 1);
  t.deepEqual((await getJson(url, 'api/v1/packages/nothing/history')).body, { package: 'nothing', tagsets: [] });
});

test('GET /api/v1/packages/<package>/results pages and filters like the package page', async (t) => {
  const { url } = await startTestServer(t);
  const keys = [];
  for (let index = 0; index < 7; index++) {
    keys.push(await addResult(url, { success: index !== 3, tags: index < 2 ? ['old'] : ['new'] }));
  }
  const first = await getJson(url, 'api/v1/packages/widget/results?limit=3');
  t.deepEqual(first.body.results.map((result: any) => result.result_key), [keys[6], keys[5], keys[4]]);
  t.is(first.body.next_before, keys[4]);
  t.deepEqual(first.body.results[0].tags, ['new']);
  const second = await getJson(url, `api/v1/packages/widget/results?limit=3&before=${keys[4]}`);
  t.deepEqual(second.body.results.map((result: any) => result.result_key), [keys[3], keys[2], keys[1]]);
  const last = await getJson(url, `api/v1/packages/widget/results?limit=3&before=${keys[1]}`);
  t.deepEqual(last.body.results.map((result: any) => result.result_key), [keys[0]]);
  t.is(last.body.next_before, null);

  const failed = await getJson(url, 'api/v1/packages/widget/results?status=failed');
  t.deepEqual(failed.body.results.map((result: any) => result.result_key), [keys[3]]);
  const old = await getJson(url, 'api/v1/packages/widget/results?tag=old&host=builder-1&arch=linux-x86_64');
  t.deepEqual(old.body.results.map((result: any) => result.result_key), [keys[1], keys[0]]);
  t.deepEqual((await getJson(url, 'api/v1/packages/widget/results?host=elsewhere')).body.results, []);

  t.is((await getJson(url, 'api/v1/packages/widget/results?limit=0')).status, 400);
  t.is((await getJson(url, 'api/v1/packages/widget/results?limit=201')).status, 400);
  const bad = await getJson(url, 'api/v1/packages/widget/results?status=green');
  t.is(bad.status, 400);
  t.regex(bad.body.error, /status/);
});

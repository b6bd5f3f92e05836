import test from 'ava';
import { createCoordinator, parseServerConfig, type Coordinator } from '../../../server/index.ts';
import { makeClientInfo } from '../helpers/results.ts';
import { createClock, createTestStore } from '../helpers/server.ts';
import type { ExecutionContext } from 'ava';

const HOUR = 3600;

async function openCoordinator(t: ExecutionContext, expected: unknown[], now: () => number): Promise<Coordinator> {
  const config = parseServerConfig({ expected });
  const coordinator = createCoordinator(await createTestStore(t), { now, expected: config.expected });
  t.teardown(() => coordinator.close());
  return coordinator;
}

function report(coordinator: Coordinator, overrides: Record<string, unknown>) {
  return coordinator.addResults(makeClientInfo(overrides), [], { clientIp: '127.0.0.1' });
}

test('an expected builder is ok, then stale once max_age has passed, and missing when it never reported', async (t) => {
  const clock = createClock();
  const coordinator = await openCoordinator(t, [
    { package: 'cpython', host: 'builder1', max_age: '26h' },
    { package: 'cpython', arch: 'win32', max_age: '26h' },
    { package: 'never', max_age: '1h' },
  ], clock.now);
  const { resultKey } = await report(coordinator, { package: 'cpython', host: 'builder1', success: false, tags: ['python3.13'] });
  const reportedAt = clock.now();

  clock.advance(26 * HOUR);
  const [onTime, windows, never] = await coordinator.listExpectedBuilders();
  t.like(onTime, { package: 'cpython', host: 'builder1', arch: null, tags: [], maxAgeSeconds: 26 * HOUR, state: 'ok', ageSeconds: 26 * HOUR });
  t.deepEqual(onTime!.latest, { resultKey, time: reportedAt, success: false });
  t.deepEqual(onTime!.tagsets.map((tagset) => [tagset.visibleTags, tagset.host, tagset.state]), [[['python3.13'], 'builder1', 'ok']]);
  t.like(windows, { state: 'missing', latest: null, ageSeconds: null, tagsets: [] });
  t.like(never, { package: 'never', state: 'missing' });

  clock.advance(1);
  const [late] = await coordinator.listExpectedBuilders();
  t.is(late!.state, 'stale');
  t.is(late!.tagsets[0]!.state, 'stale');
});

test('one entry covers every tagset carrying its fields; the newest result decides, each tagset is listed', async (t) => {
  const clock = createClock();
  const coordinator = await openCoordinator(t, [
    { package: 'cpython', tags: ['python3.13'], max_age: '1d' },
    { package: 'cpython', tags: ['python3.13', 'debug'], max_age: '1d' },
    { package: 'cpython', host: 'builder2', arch: 'linux-x86_64', max_age: '1d' },
  ], clock.now);
  await report(coordinator, { package: 'cpython', host: 'builder1', tags: ['python3.13'] });
  clock.advance(2 * 86_400);
  const newer = await report(coordinator, { package: 'cpython', host: 'builder2', tags: ['python3.13', 'debug'] });
  await report(coordinator, { package: 'cpython', host: 'builder3', tags: ['python3.12'] });
  await report(coordinator, { package: 'other', host: 'builder1', tags: ['python3.13'] });

  const [any313, debug, builder2] = await coordinator.listExpectedBuilders();
  t.is(any313!.state, 'ok');
  t.is(any313!.latest!.resultKey, newer.resultKey);
  t.deepEqual(any313!.tagsets.map((tagset) => [tagset.host, tagset.visibleTags, tagset.state]), [
    ['builder2', ['debug', 'python3.13'], 'ok'],
    ['builder1', ['python3.13'], 'stale'],
  ]);
  t.deepEqual(debug!.tagsets.map((tagset) => tagset.host), ['builder2']);
  t.deepEqual(builder2!.tagsets.map((tagset) => tagset.host), ['builder2']);
});

test('without a configuration nothing is expected', async (t) => {
  const coordinator = createCoordinator(await createTestStore(t));
  t.teardown(() => coordinator.close());
  t.deepEqual(await coordinator.listExpectedBuilders(), []);
});

// The six ordered rules of check_should_build, over XML-RPC, with a fake clock instead of waiting.
import test from 'ava';
import { createClock, startTestApp } from '../helpers/server.ts';
import { makeClientInfo } from '../helpers/results.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;

async function setUp(t: Parameters<typeof startTestApp>[0]) {
  const clock = createClock();
  const app = await startTestApp(t, { now: clock.now });
  const client = createThirdPartyClient(app.url);
  const check = (clientInfo = makeClientInfo(), reserve = true, allowance = 0) =>
    client.call('check_should_build', [clientInfo, reserve, allowance]);
  const addResult = (clientInfo = makeClientInfo()) => client.call('add_results', [clientInfo, []]);
  return { clock, client, check, addResult, coordinator: app.coordinator };
}

test('rule 1: a requested build is built even while reserved, and the request is consumed', async (t) => {
  const { check, addResult, coordinator } = await setUp(t);
  await addResult();
  await coordinator.requestBuild(makeClientInfo());
  t.deepEqual(await check(), [true, 'build requested']);
  t.deepEqual(await check(), [false, 'may be in build now']);
  await coordinator.requestBuild(makeClientInfo({ tags: ['node20', 'node20'] }));
  t.deepEqual(await check(), [true, 'build requested']);
});

test('rule 1: a request for one tagset does not affect another', async (t) => {
  const { check, addResult, coordinator } = await setUp(t);
  await addResult();
  await addResult(makeClientInfo({ host: 'builder-2' }));
  await coordinator.requestBuild(makeClientInfo({ host: 'builder-2' }));
  t.deepEqual(await check(), [false, 'build up to date']);
});

test('rule 2: a reservation holds for the requested allowance', async (t) => {
  const { clock, check } = await setUp(t);
  t.deepEqual(await check(makeClientInfo(), true, 100), [true, 'no build recorded for this tagset; build!']);
  clock.advance(99);
  t.deepEqual(await check(makeClientInfo(), false), [false, 'may be in build now']);
  clock.advance(2);
  t.deepEqual(await check(makeClientInfo(), false), [true, 'no build recorded for this tagset; build!']);
});

test('rule 2: without a requested allowance, a reservation holds for one hour', async (t) => {
  const { clock, check } = await setUp(t);
  await check();
  clock.advance(HOUR - 1);
  t.deepEqual(await check(makeClientInfo(), false), [false, 'may be in build now']);
  clock.advance(1);
  t.deepEqual(await check(makeClientInfo(), false), [true, 'no build recorded for this tagset; build!']);
});

test('rule 2: without a requested allowance, the last build\'s duration is the allowance', async (t) => {
  const { clock, check, addResult } = await setUp(t);
  await addResult(makeClientInfo({ success: false, duration: 600 }));
  t.deepEqual(await check(), [true, 'last build was unsuccessful; go!']);
  clock.advance(599);
  t.deepEqual(await check(), [false, 'may be in build now']);
  clock.advance(2);
  t.deepEqual(await check(makeClientInfo(), false), [true, 'last build was unsuccessful; go!']);
});

test('rule 2: an allowance is at most four hours', async (t) => {
  const { clock, check } = await setUp(t);
  await check(makeClientInfo(), true, 10 * HOUR);
  clock.advance(4 * HOUR - 1);
  t.deepEqual(await check(makeClientInfo(), false), [false, 'may be in build now']);
  clock.advance(2);
  t.deepEqual(await check(makeClientInfo(), false), [true, 'no build recorded for this tagset; build!']);
});

test('rule 2: a result for the tagset ends its reservation', async (t) => {
  const { check, addResult } = await setUp(t);
  await check();
  await addResult();
  t.deepEqual(await check(), [false, 'build up to date']);
});

test('rule 2: reserve_build false reserves nothing', async (t) => {
  const { check } = await setUp(t);
  t.deepEqual(await check(makeClientInfo(), false), [true, 'no build recorded for this tagset; build!']);
  t.deepEqual(await check(makeClientInfo(), false), [true, 'no build recorded for this tagset; build!']);
});

test('rule 3: a tagset with no result is built, whatever its tag order', async (t) => {
  const { check, addResult } = await setUp(t);
  await addResult(makeClientInfo({ tags: ['a', 'b'] }));
  t.deepEqual(await check(makeClientInfo({ tags: ['b', 'a'] })), [false, 'build up to date']);
  t.deepEqual(await check(makeClientInfo({ tags: ['a'] })), [true, 'no build recorded for this tagset; build!']);
});

test('rule 4: a last result a day old is built again', async (t) => {
  const { clock, check, addResult } = await setUp(t);
  await addResult();
  clock.advance(DAY - 1);
  t.deepEqual(await check(), [false, 'build up to date']);
  clock.advance(1);
  t.deepEqual(await check(), [true, 'last build was 1 day, 0:00:00 ago; do build!']);
});

test('rule 5: a failed last result is built again', async (t) => {
  const { check, addResult } = await setUp(t);
  await addResult(makeClientInfo({ success: false }));
  t.deepEqual(await check(), [true, 'last build was unsuccessful; go!']);
});

test('rule 5: a last result without a success flag counts as not successful', async (t) => {
  const { check, addResult } = await setUp(t);
  const { success: _omitted, ...withoutSuccess } = makeClientInfo();
  await addResult(withoutSuccess as ReturnType<typeof makeClientInfo>);
  t.deepEqual(await check(), [true, 'last build was unsuccessful; go!']);
});

test('rule 6: a recent successful result is up to date', async (t) => {
  const { clock, check, addResult } = await setUp(t);
  await addResult(makeClientInfo({ success: false }));
  clock.advance(60);
  await addResult();
  clock.advance(60);
  t.deepEqual(await check(), [false, 'build up to date']);
});

test('two clients asking at once: only one is told to build', async (t) => {
  const { check } = await setUp(t);
  const answers = await Promise.all([check(), check(), check(), check()]);
  t.is(answers.filter(([build]) => build).length, 1);
});

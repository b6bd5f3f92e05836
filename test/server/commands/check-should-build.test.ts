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

test('the new-revision rule: a revision other than the last result\'s is built within the day; the same one is not', async (t) => {
  const { clock, check, addResult } = await setUp(t);
  await addResult(makeClientInfo({ revision: 'aaa111', success: true }));
  clock.advance(HOUR);
  t.deepEqual(await check(makeClientInfo({ revision: 'aaa111' }), false), [false, 'build up to date']);
  t.deepEqual(await check(makeClientInfo(), false), [false, 'build up to date'], 'no revision: the original\'s answer');
  t.deepEqual(await check(makeClientInfo({ revision: 'bbb222' })), [true, 'new revision bbb222; build!']);
  t.deepEqual(await check(makeClientInfo({ revision: 'ccc333' })), [false, 'may be in build now'], 'the reservation still comes first');
});

test('a revision that is not a short string is refused with a fault naming it', async (t) => {
  const { client } = await setUp(t);
  const error = await t.throwsAsync(client.call('check_should_build', [makeClientInfo({ revision: 'x'.repeat(201) }), true, 0]));
  t.regex(error!.message, /client_info\.revision must be a string of at most 200 characters/);
});

test('release_build gives the reservation back: the next client is told to build at once', async (t) => {
  const { check, client, addResult } = await setUp(t);
  await addResult(makeClientInfo({ revision: 'aaa111', success: false }));
  t.deepEqual(await check(makeClientInfo({ revision: 'aaa111' })), [true, 'last build was unsuccessful; go!']);
  t.deepEqual(await check(makeClientInfo({ revision: 'bbb222' }), false), [false, 'may be in build now']);
  t.is(await client.call('release_build', [makeClientInfo({ revision: 'aaa111' })]), true);
  t.deepEqual(await check(makeClientInfo({ revision: 'bbb222' })), [true, 'new revision bbb222; build!']);
  t.is(await client.call('release_build', [makeClientInfo({ host: 'elsewhere' })]), false, 'nothing held there');
});

test('release_build over JSON answers whether a reservation was held', async (t) => {
  const app = await startTestApp(t);
  const post = (route: string) =>
    fetch(new URL(`api/v1/${route}`, app.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_info: makeClientInfo() }),
    });
  t.deepEqual(await (await post('check-should-build')).json(), { build: true, reason: 'no build recorded for this tagset; build!' });
  const released = await post('release-build');
  t.is(released.status, 200);
  t.deepEqual(await released.json(), { released: true });
  t.deepEqual(await (await post('release-build')).json(), { released: false });
});

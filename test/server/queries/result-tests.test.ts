import test, { type ExecutionContext } from 'ava';
import { createCoordinator, type Coordinator } from '../../../server/index.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createClock, createTestStore } from '../helpers/server.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';

async function openCoordinator(t: ExecutionContext) {
  const clock = createClock();
  const coordinator = createCoordinator(await createTestStore(t), { now: clock.now });
  t.teardown(() => coordinator.close());
  return { coordinator, clock };
}

// One build of the tagset: the given outcomes by test name, at a revision, a minute after the last.
async function report(
  { coordinator, clock }: { coordinator: Coordinator; clock: ReturnType<typeof createClock> },
  outcomes: Record<string, string>,
  { revision = 'r1', tags = ['node20'] }: { revision?: string; tags?: string[] } = {},
) {
  clock.advance(60);
  const cases = Object.entries(outcomes).map(([name, status]) => makeTestCase({ name, status }));
  const added = await coordinator.addResults(makeClientInfo({ revision, tags }), [makeStep(), makeTestStep(cases)], { clientIp: '127.0.0.1' });
  return added.resultKey;
}

test('the first result of a tagset has its cases, failing first, and nothing to compare', async (t) => {
  const setup = await openCoordinator(t);
  const key = await report(setup, { adds: 'passed', divides: 'failed', skips: 'skipped', crashes: 'error' });
  const tests = await setup.coordinator.getResultTests(key);
  t.is(tests?.previousResultKey, null);
  t.deepEqual(tests?.testCases.map((testCase) => [testCase.name, testCase.status, testCase.change]), [
    ['divides', 'failed', null], ['crashes', 'error', null], ['adds', 'passed', null], ['skips', 'skipped', null],
  ]);
  t.deepEqual(tests?.counts, { total: 4, passed: 1, failed: 1, error: 1, skipped: 1, todo: 0 });
  t.deepEqual(tests?.steps, [{ stepIndex: 1, stepName: 'test', counts: tests!.counts, warnings: [], mismatch: null }]);
  t.deepEqual(tests?.newFailures, []);
  t.deepEqual((await setup.coordinator.listTestCases(key))?.map((testCase) => testCase.name), ['divides', 'crashes', 'adds', 'skips']);
});

test('new failures, fixed and still failing are relative to the tagset\'s previous result', async (t) => {
  const setup = await openCoordinator(t);
  const previous = await report(setup, { stays: 'passed', breaks: 'passed', heals: 'failed', broken: 'error', skipped: 'skipped' });
  await report(setup, { breaks: 'failed' }, { tags: ['other'] });
  const key = await report(setup, { stays: 'passed', breaks: 'failed', heals: 'passed', broken: 'failed', skipped: 'failed', added: 'error' });
  const comparison = await setup.coordinator.compareTestsWithPrevious(key);
  t.deepEqual(comparison, {
    previousResultKey: previous,
    newFailures: [{ suite: 'math', name: 'breaks' }, { suite: 'math', name: 'skipped' }, { suite: 'math', name: 'added' }],
    fixed: [{ suite: 'math', name: 'heals' }],
    stillFailing: [{ suite: 'math', name: 'broken' }],
  });
  const tests = await setup.coordinator.getResultTests(key);
  const changes = Object.fromEntries(tests!.testCases.map((testCase) => [testCase.name, testCase.change]));
  t.deepEqual(changes, { breaks: 'new-failure', broken: 'still-failing', skipped: 'new-failure', added: 'new-failure', stays: null, heals: 'fixed' });
  t.is(await setup.coordinator.compareTestsWithPrevious(999), undefined);
});

test('each test\'s history covers the tagset\'s last results, newest first, absent as null', async (t) => {
  const setup = await openCoordinator(t);
  const keys: number[] = [];
  for (let index = 0; index < 12; index++) {
    keys.push(await report(setup, index === 10 ? { other: 'passed' } : { adds: index % 3 === 0 ? 'failed' : 'passed' }, { revision: `r${index}` }));
  }
  const tests = await setup.coordinator.getResultTests(keys[11]!);
  const history = tests!.testCases[0]!.history;
  t.is(history.length, 10);
  t.deepEqual(history.map((point) => point.resultKey), keys.slice(2).reverse());
  t.deepEqual(history.slice(0, 3), [
    { resultKey: keys[11]!, status: 'passed', revision: 'r11' },
    { resultKey: keys[10]!, status: null, revision: 'r10' },
    { resultKey: keys[9]!, status: 'failed', revision: 'r9' },
  ]);
  const short = await setup.coordinator.getResultTests(keys[11]!, { historyLength: 3 });
  t.is(short!.testCases[0]!.history.length, 3);
  t.is(short!.previousResultKey, keys[10]);
  await t.throwsAsync(setup.coordinator.getResultTests(keys[0]!, { historyLength: 0 }), {
    message: 'historyLength must be an integer from 1 to 100, got `0` (int)',
  });
});

test('a test that passed and failed at one revision is flaky; different revisions are not', async (t) => {
  const setup = await openCoordinator(t);
  await report(setup, { wobbles: 'passed', regresses: 'passed' }, { revision: 'r1' });
  await report(setup, { wobbles: 'failed', regresses: 'passed' }, { revision: 'r1' });
  const key = await report(setup, { wobbles: 'passed', regresses: 'failed' }, { revision: 'r2' });
  const tests = await setup.coordinator.getResultTests(key);
  t.deepEqual(tests?.flaky, [{ suite: 'math', name: 'wobbles' }]);
  t.deepEqual(tests?.testCases.map((testCase) => [testCase.name, testCase.flaky, testCase.change]), [
    ['regresses', false, 'new-failure'], ['wobbles', true, 'fixed'],
  ]);
});

test('the revision falls back to the checkout step\'s version_info', async (t) => {
  const { coordinator } = await openCoordinator(t);
  const checkout = makeStep({ name: 'checkout', type: 'setup', version_type: 'git', version_info: 'abc123 message' });
  const add = (status: string) => coordinator.addResults(makeClientInfo(),
    [checkout, makeTestStep([makeTestCase({ status })])], { clientIp: '127.0.0.1' });
  await add('failed');
  const { resultKey } = await add('passed');
  const tests = await coordinator.getResultTests(resultKey);
  t.deepEqual(tests?.flaky, [{ suite: 'math', name: 'adds' }]);
  t.is(tests?.testCases[0]!.history[0]!.revision, 'abc123 message');
});

test('a test\'s history spans every tagset of the package and pages newest first', async (t) => {
  const setup = await openCoordinator(t);
  const keys = [
    await report(setup, { adds: 'passed' }, { tags: ['a'] }),
    await report(setup, { adds: 'failed' }, { tags: ['b'], revision: 'r2' }),
    await report(setup, { other: 'passed' }, { tags: ['a'] }),
    await report(setup, { adds: 'passed' }, { tags: ['a'] }),
  ];
  const first = await setup.coordinator.getTestHistory('widget', { suite: 'math', name: 'adds', limit: 2 });
  t.deepEqual(first.entries.map((entry) => [entry.resultKey, entry.status, entry.visibleTags]), [[keys[3], 'passed', ['a']], [keys[1], 'failed', ['b']]]);
  t.like(first.entries[1], { revision: 'r2', host: 'builder-1', arch: 'linux-x86_64', time: 1_700_000_120 });
  t.is(first.nextBefore, keys[1]);
  const second = await setup.coordinator.getTestHistory('widget', { suite: 'math', name: 'adds', limit: 2, before: first.nextBefore! });
  t.deepEqual(second.entries.map((entry) => entry.resultKey), [keys[0]]);
  t.is(second.nextBefore, null);
  await t.throwsAsync(setup.coordinator.getTestHistory('widget', { suite: '', name: 'adds', limit: 501 }), {
    message: 'limit must be an integer from 1 to 500, got `501` (int)',
  });
});

test('a page never splits one result\'s reports of a test', async (t) => {
  const { coordinator } = await openCoordinator(t);
  const add = (statuses: string[]) => coordinator.addResults(makeClientInfo(),
    [makeTestStep(statuses.map((status) => makeTestCase({ status })))], { clientIp: '127.0.0.1' });
  const older = (await add(['passed'])).resultKey;
  const newer = (await add(['passed', 'failed'])).resultKey;
  const page = await coordinator.getTestHistory('widget', { suite: 'math', name: 'adds', limit: 2 });
  t.deepEqual(page.entries.map((entry) => entry.resultKey), [newer, newer]);
  t.is(page.nextBefore, newer);
  const shorter = await coordinator.getTestHistory('widget', { suite: 'math', name: 'adds', limit: 1 });
  t.deepEqual(shorter.entries.map((entry) => entry.resultKey), [newer]);
  const next = await coordinator.getTestHistory('widget', { suite: 'math', name: 'adds', limit: 3, before: page.nextBefore! });
  t.deepEqual(next.entries.map((entry) => entry.resultKey), [older]);
});

// How live builds sit among stored results: a running one is in no list, neighbour, test index
// or tagset count; a finished one is a result like any other. Each store answers alike, and the
// PostgreSQL store stays so with several server instances on one database.
import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import { createCoordinator } from '../../../server/index.ts';
import type { FinishBuildRecord, NewLiveBuildRecord, SubmittedResultRecord } from '../../../server/store/live-types.ts';
import type { Store } from '../../../server/store/types.ts';
import { storeKinds, type StoreKind } from '../../helpers/each-store.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';

const ORIGIN = { clientIp: '127.0.0.1' };

const TAGSET = ['__arch=a', '__host=h', '__package=p'];
const TAGSET_KEY = JSON.stringify(TAGSET);

function makeBuild(overrides: Partial<NewLiveBuildRecord> = {}): NewLiveBuildRecord {
  return {
    startedAt: 1000, clientIp: '127.0.0.1', package: 'p', host: 'h', arch: 'a', tagsetKey: TAGSET_KEY, success: null,
    duration: null, authKey: randomUUID(), updateToken: randomUUID(), submissionId: null, clientInfo: { package: 'p' },
    ...overrides,
  };
}

function makeFinish(overrides: Partial<FinishBuildRecord> = {}): FinishBuildRecord {
  return { finishedAt: 2000, tagsetKey: TAGSET_KEY, success: true, duration: 5, clientInfo: { package: 'p' }, resultsList: null, ...overrides };
}

function makeSubmission(overrides: Partial<SubmittedResultRecord> = {}): SubmittedResultRecord {
  return {
    receivedAt: 1500, clientIp: '127.0.0.1', package: 'p', host: 'h', arch: 'a', tagset: TAGSET, tagsetKey: TAGSET_KEY,
    success: true, duration: 5, authKey: randomUUID(), revision: null, clientInfo: { package: 'p' }, resultsList: [],
    testCases: [], submissionId: null, ...overrides,
  };
}

/** Two stores on one database, as two server instances sharing it. */
async function openTwoInstances(t: ExecutionContext, kind: StoreKind): Promise<[Store, Store]> {
  const db = await kind.createDb(t);
  return [await kind.openStore(t, { db }), await kind.openStore(t, { db })];
}

async function setUp(t: ExecutionContext, kind: StoreKind) {
  const coordinator = createCoordinator(await kind.openStore(t));
  t.teardown(() => coordinator.close());
  return coordinator;
}

for (const kind of storeKinds) {
  kind.test('a running build is in no page list, neighbour or tagset count until it finishes', async (t) => {
    const coordinator = await setUp(t, kind);
    const before = await coordinator.addResults(makeClientInfo(), [makeStep()], ORIGIN);
    const live = await coordinator.beginBuild(makeClientInfo({ submission_id: 'live' }), ORIGIN);
    const after = await coordinator.addResults(makeClientInfo(), [makeStep()], ORIGIN);

    const page = await coordinator.listPackageResults('widget');
    t.deepEqual(page.results.map((result) => result.resultKey), [after.resultKey, before.resultKey]);
    t.deepEqual(await coordinator.findNeighbourResults(after.resultKey), { previousKey: before.resultKey, nextKey: null });
    t.like((await coordinator.listPackages())[0]!.tagsets[0], { resultCount: 2, latest: { resultKey: after.resultKey } });

    await coordinator.finishBuild(live.updateToken, makeClientInfo(), [makeStep()]);
    const finished = await coordinator.listPackageResults('widget');
    t.deepEqual(finished.results.map((result) => result.resultKey), [after.resultKey, live.resultKey, before.resultKey]);
    t.deepEqual(await coordinator.findNeighbourResults(live.resultKey), { previousKey: before.resultKey, nextKey: after.resultKey });
    // The latest is the highest key: a build that began before another result does not replace it.
    t.like((await coordinator.listPackages())[0]!.tagsets[0], { resultCount: 3, latest: { resultKey: after.resultKey } });
  });

  kind.test('the first build of a tagset gets its tagset when it finishes, and its test cases are indexed then', async (t) => {
    const coordinator = await setUp(t, kind);
    const live = await coordinator.beginBuild(makeClientInfo({ submission_id: 'first' }), ORIGIN);
    await coordinator.addStep(live.updateToken, makeTestStep([makeTestCase({ status: 'failed' })]));
    t.deepEqual(await coordinator.getTagsetsForPackage('widget'), []);
    t.deepEqual((await coordinator.getTestHistory('widget', { suite: 'math', name: 'adds' })).entries, []);
    t.like(await coordinator.getLiveResult(live.resultKey), { state: 'running', runningStep: { index: 1, output: '', errout: '' } });

    // The list sent at the end is authoritative: its test cases are the ones indexed.
    await coordinator.finishBuild(live.updateToken, makeClientInfo(), [makeTestStep([makeTestCase(), makeTestCase({ name: 'subtracts' })])]);
    t.deepEqual(await coordinator.getTagsetsForPackage('widget'), [['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'node20']]);
    const history = await coordinator.getTestHistory('widget', { suite: 'math', name: 'adds' });
    t.deepEqual(history.entries.map((entry) => [entry.resultKey, entry.status]), [[live.resultKey, 'passed']]);
    t.deepEqual((await coordinator.listTestCases(live.resultKey))?.map((testCase) => testCase.name), ['adds', 'subtracts']);
    t.like(await coordinator.getLiveResult(live.resultKey), { state: 'finished', runningStep: null });
  });

  kind.test('begin_build with the submission id of a result sent whole answers that result, which takes no steps', async (t) => {
    const coordinator = await setUp(t, kind);
    const added = await coordinator.addResults(makeClientInfo({ submission_id: 'sent-whole' }), [makeStep()], ORIGIN);
    const begun = await coordinator.beginBuild(makeClientInfo({ submission_id: 'sent-whole' }), ORIGIN);
    t.is(begun.resultKey, added.resultKey);
    t.deepEqual(await coordinator.beginBuild(makeClientInfo({ submission_id: 'sent-whole' }), ORIGIN), begun);
    await t.throwsAsync(coordinator.addStep(begun.updateToken, makeStep()), { message: `build ${added.resultKey} is already finished` });
    t.deepEqual(await coordinator.finishBuild(begun.updateToken, makeClientInfo(), []), added);
    t.is(await coordinator.countResults(), 1);
  });

  kind.test('a step sent again is a retry, output is held for the running step only, and a finished build takes no more', async (t) => {
    const store = await kind.openStore(t);
    const build = makeBuild();
    const { resultKey, updateToken } = await store.beginBuild(build);
    t.deepEqual(await store.getRunningStep(resultKey), { index: 0, output: '', errout: '' });
    t.deepEqual(await store.appendLiveOutput(updateToken, { stepIndex: 0, stream: 'output', text: 'compiling', offset: null }, 1001),
      { kind: 'appended', resultKey });
    // A resent chunk adds only what is past what was received.
    await store.appendLiveOutput(updateToken, { stepIndex: 0, stream: 'output', text: 'compiling...', offset: 0 }, 1002);
    await store.appendLiveOutput(updateToken, { stepIndex: 0, stream: 'errout', text: 'warning', offset: null }, 1002);
    t.deepEqual(await store.getRunningStep(resultKey), { index: 0, output: 'compiling...', errout: 'warning' });

    const step = { name: 'make', status: 0, version_info: ' abc123 ' };
    t.deepEqual(await store.addLiveStep(updateToken, step, 1003), { kind: 'added', resultKey, stepIndex: 0 });
    t.deepEqual(await store.addLiveStep(updateToken, step, 1004), { kind: 'repeated', resultKey, stepIndex: 0 });
    t.deepEqual(await store.getRunningStep(resultKey), { index: 1, output: '', errout: '' });
    // Late output of the step already added is not held.
    await store.appendLiveOutput(updateToken, { stepIndex: 0, stream: 'output', text: 'late', offset: null }, 1005);
    await store.appendLiveOutput(updateToken, { stepIndex: 1, stream: 'output', text: 'testing', offset: null }, 1005);
    t.deepEqual(await store.getRunningStep(resultKey), { index: 1, output: 'testing', errout: '' });
    t.deepEqual(await store.addLiveStep(updateToken, { name: 'test', status: 1 }, 1006), { kind: 'added', resultKey, stepIndex: 1 });
    t.like((await store.listRunningBuilds())[0], { key: resultKey, tagset: TAGSET, stepCount: 2, lastStepName: 'test', lastActivityAt: 1006, startedAt: 1000 });
    t.like(await store.getResult(resultKey), { state: 'running', resultsList: [step, { name: 'test', status: 1 }] });

    const stranger = makeBuild();
    t.deepEqual(await store.finishBuild(updateToken, makeFinish()), { kind: 'finished', resultKey, authKey: build.authKey });
    t.like(await store.getResult(resultKey), { state: 'finished', revision: 'abc123', receivedAt: 2000, resultsList: [step, { name: 'test', status: 1 }] });
    t.is(await store.getRunningStep(resultKey), undefined);
    t.deepEqual(await store.listRunningBuilds(), []);
    t.deepEqual(await store.addLiveStep(updateToken, { name: 'more' }, 2001), { kind: 'already-finished', resultKey });
    t.deepEqual(await store.appendLiveOutput(updateToken, { stepIndex: 2, stream: 'output', text: 'x', offset: null }, 2001), { kind: 'already-finished', resultKey });
    t.deepEqual(await store.addLiveStep(stranger.updateToken, { name: 'make' }, 2001), { kind: 'unknown-token' });
    t.deepEqual(await store.appendLiveOutput(stranger.updateToken, { stepIndex: 0, stream: 'output', text: 'x', offset: null }, 2001), { kind: 'unknown-token' });
    t.deepEqual(await store.finishBuild(stranger.updateToken, makeFinish()), { kind: 'unknown-token' });
  });

  kind.test('a new step is refused once the steps held carry more test cases than the call leaves room for', async (t) => {
    const store = await kind.openStore(t);
    const { resultKey, updateToken } = await store.beginBuild(makeBuild());
    const cases = [{ name: 'a', status: 'passed' }, { name: 'b', status: 'passed' }];
    await store.addLiveStep(updateToken, { name: 'test', test_cases: cases }, 1001, 1);
    // Test cases that are not a list count as none; a NUL or a lone surrogate in a step is no trouble to the count.
    await store.addLiveStep(updateToken, { name: 'odd', test_cases: 'none', output: 'a\u0000b\ud800' }, 1002, 2);
    t.deepEqual(await store.addLiveStep(updateToken, { name: 'more' }, 1003, 2), { kind: 'added', resultKey, stepIndex: 2 });
    t.deepEqual(await store.addLiveStep(updateToken, { name: 'again' }, 1004, 1), { kind: 'no-room-for-test-cases', resultKey, heldTestCases: 2 });
    t.is((await store.getResult(resultKey))!.resultsList.length, 3);
  });

  kind.test('a build is abandoned only when no call came since, counts in its tagset then, and finishes later without counting twice', async (t) => {
    const store = await kind.openStore(t);
    const earlier = await store.addResult(makeSubmission({ duration: 77 }));
    const { resultKey, updateToken } = await store.beginBuild(makeBuild());
    await store.addLiveStep(updateToken, makeTestStep([makeTestCase({ status: 'failed' })]), 1001);
    t.like((await store.listRunningBuilds())[0], { key: resultKey, lastFinishedDuration: 77, lastActivityAt: 1001 });
    t.false(await store.abandonBuild(resultKey, 1000));
    t.true(await store.abandonBuild(resultKey, 1001));
    t.false(await store.abandonBuild(resultKey, 1001));
    t.deepEqual(await store.listRunningBuilds(), []);
    t.like(await store.getResult(resultKey), { state: 'abandoned', success: false });
    t.like(await store.getTagset(TAGSET_KEY), { resultCount: 2, latest: { key: resultKey } });
    t.deepEqual((await store.listTestCases(resultKey)).map((testCase) => testCase.status), ['failed']);
    // Still shown with the step it stopped in, and still taking steps from a client that comes back.
    t.deepEqual(await store.getRunningStep(resultKey), { index: 1, output: '', errout: '' });
    t.deepEqual(await store.addLiveStep(updateToken, makeTestStep([makeTestCase()], { name: 'retest' }), 3000), { kind: 'added', resultKey, stepIndex: 1 });
    t.deepEqual((await store.listTestCases(resultKey)).map((testCase) => [testCase.stepIndex, testCase.status]), [[0, 'failed'], [1, 'passed']]);

    t.like(await store.finishBuild(updateToken, makeFinish()), { kind: 'finished', resultKey });
    t.like(await store.getResult(resultKey), { state: 'finished', success: true });
    t.like(await store.getTagset(TAGSET_KEY), { resultCount: 2, latest: { key: resultKey } });
    t.not(earlier, resultKey);
  });

  kind.test('a build may only finish in the tagset it began with', async (t) => {
    const store = await kind.openStore(t);
    const { resultKey, updateToken } = await store.beginBuild(makeBuild({ submissionId: 'moved' }));
    const elsewhere = JSON.stringify(['__arch=a', '__host=h', '__package=p', 'other']);
    const mismatch = { kind: 'tagset-mismatch', resultKey, tagset: TAGSET };
    t.deepEqual(await store.finishBuild(updateToken, makeFinish({ tagsetKey: elsewhere })), mismatch);
    t.deepEqual(await store.submitResult(makeSubmission({ submissionId: 'moved', tagsetKey: elsewhere })), mismatch);
    t.like(await store.getResult(resultKey), { state: 'running' });
  });

  kind.test('a whole submission is stored, repeated by its submission id, or completes the live build that has it', async (t) => {
    const store = await kind.openStore(t);
    const first = makeSubmission({ submissionId: 'whole' });
    const stored = await store.submitResult(first);
    t.like(stored, { kind: 'stored', authKey: first.authKey });
    t.deepEqual(await store.submitResult(makeSubmission({ submissionId: 'whole' })), { ...stored, kind: 'repeated' });
    t.like(await store.submitResult(makeSubmission()), { kind: 'stored' });

    const build = makeBuild({ submissionId: 'live' });
    const { resultKey } = await store.beginBuild(build);
    t.deepEqual(await store.beginBuild(makeBuild({ submissionId: 'live' })), { resultKey, updateToken: build.updateToken });
    const steps = [makeTestStep([makeTestCase()])];
    const completed = await store.submitResult(makeSubmission({ submissionId: 'live', receivedAt: 1700, resultsList: steps }));
    t.deepEqual(completed, { kind: 'completed', resultKey, authKey: build.authKey });
    t.like(await store.getResult(resultKey), { state: 'finished', receivedAt: 1700, resultsList: steps });
    t.deepEqual((await store.listTestCases(resultKey)).map((testCase) => testCase.name), ['adds']);
    t.like(await store.getTagset(TAGSET_KEY), { resultCount: 3, latest: { key: resultKey } });
    t.deepEqual(await store.submitResult(makeSubmission({ submissionId: 'live' })), { kind: 'repeated', resultKey, authKey: build.authKey });
    t.is(await store.countResults(), 3);
  });

  // Two stores on one database are two server instances; several rounds, so that the two calls
  // overlap in at least some of them whatever the timing.
  kind.test('two instances submitting one submission id at once store one result', async (t) => {
    const [one, other] = await openTwoInstances(t, kind);
    for (let round = 0; round < 8; round++) {
      const submissionId = `race-${round}`;
      const outcomes = await Promise.all([one, other].map((store) => store.submitResult(makeSubmission({ submissionId }))));
      t.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['repeated', 'stored'], submissionId);
      t.is(new Set(outcomes.map((outcome) => 'resultKey' in outcome && outcome.resultKey)).size, 1);
    }
    t.is(await one.countResults(), 8);
    t.like(await other.getTagset(TAGSET_KEY), { resultCount: 8 });
  });

  kind.test('two instances beginning, adding one step to and finishing one build at once do each once', async (t) => {
    const [one, other] = await openTwoInstances(t, kind);
    for (let round = 0; round < 8; round++) {
      const begun = await Promise.all([one, other].map((store) => store.beginBuild(makeBuild({ submissionId: `live-${round}` }))));
      t.deepEqual(begun[0], begun[1]);
      const { resultKey, updateToken } = begun[0]!;
      const step = makeTestStep([makeTestCase()]);
      const added = await Promise.all([one, other].map((store) => store.addLiveStep(updateToken, step, 1001)));
      t.deepEqual(added.map((outcome) => outcome.kind).sort(), ['added', 'repeated']);
      const finished = await Promise.all([one, other].map((store) => store.finishBuild(updateToken, makeFinish())));
      t.deepEqual(finished[0], finished[1]);
      t.like(finished[0], { kind: 'finished', resultKey });
      t.deepEqual((await one.listTestCases(resultKey)).map((testCase) => testCase.name), ['adds']);
    }
    t.is(await one.countResults(), 8);
    t.like(await other.getTagset(TAGSET_KEY), { resultCount: 8 });
  });
}

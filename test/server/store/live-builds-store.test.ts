// How live builds sit among stored results: a running one is in no list, neighbour, test index
// or tagset count; a finished one is a result like any other.
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { createCoordinator, openSqliteStore } from '../../../server/index.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { makeTempDirectory } from '../helpers/server.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';

const ORIGIN = { clientIp: '127.0.0.1' };

function setUp(t: ExecutionContext) {
  const coordinator = createCoordinator(openSqliteStore(path.join(makeTempDirectory(t), 'results.db')));
  t.teardown(() => coordinator.close());
  return coordinator;
}

test('a running build is in no page list, neighbour or tagset count until it finishes', async (t) => {
  const coordinator = setUp(t);
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

test('the first build of a tagset gets its tagset when it finishes, and its test cases are indexed then', async (t) => {
  const coordinator = setUp(t);
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

test('begin_build with the submission id of a result sent whole answers that result, which takes no steps', async (t) => {
  const coordinator = setUp(t);
  const added = await coordinator.addResults(makeClientInfo({ submission_id: 'sent-whole' }), [makeStep()], ORIGIN);
  const begun = await coordinator.beginBuild(makeClientInfo({ submission_id: 'sent-whole' }), ORIGIN);
  t.is(begun.resultKey, added.resultKey);
  t.deepEqual(await coordinator.beginBuild(makeClientInfo({ submission_id: 'sent-whole' }), ORIGIN), begun);
  await t.throwsAsync(coordinator.addStep(begun.updateToken, makeStep()), { message: `build ${added.resultKey} is already finished` });
  t.deepEqual(await coordinator.finishBuild(begun.updateToken, makeClientInfo(), []), added);
  t.is(await coordinator.countResults(), 1);
});

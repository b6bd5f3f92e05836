import test, { type ExecutionContext } from 'ava';
import { createCoordinator, parseServerConfig, type Coordinator } from '../../../server/index.ts';
import { makeClientInfo } from '../helpers/results.ts';
import { createClock, createTestDb, openStoreOf, readRows, writeDirectly } from '../helpers/server.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';

const DAY = 86_400;

async function openCoordinator(t: ExecutionContext, retention: unknown, now: () => number) {
  const db = await createTestDb(t);
  const coordinator = createCoordinator(await openStoreOf(db), { now, retention: parseServerConfig({ retention }).retention });
  t.teardown(() => coordinator.close());
  return { db, coordinator };
}

async function report(coordinator: Coordinator, overrides: Record<string, unknown> = {}): Promise<number> {
  const step = makeTestStep([makeTestCase({ name: 'one' }), makeTestCase({ name: 'two', status: 'failed' })]);
  const added = await coordinator.addResults(makeClientInfo(overrides), [step], { clientIp: '127.0.0.1' });
  await coordinator.addUpload({ authKey: added.authKey, filename: 'log.txt', description: 'log', visible: true, content: Buffer.from('log') });
  return added.resultKey;
}

// Reads the database itself, so the test sees what is really left.
async function readTables(db: string) {
  const keys = async (sql: string) => (await readRows<{ id: number }>(db, sql)).map((row) => row.id);
  return {
    results: await keys('SELECT id FROM results ORDER BY id'),
    testCaseResults: [...new Set(await keys('SELECT result_id AS id FROM test_cases ORDER BY result_id'))],
    uploadResults: await keys('SELECT result_id AS id FROM uploads ORDER BY result_id'),
    tagsets: await readRows<{ tagset_key: string; latest_result_id: number; result_count: number }>(db,
      'SELECT tagset_key, latest_result_id, result_count FROM tagsets ORDER BY tagset_key'),
  };
}

// Written directly, in one transaction, so tests spend their time pruning, not reporting.
// The results alternate between two tagsets of package `bulk`.
async function insertOldResults(db: string, count: number, receivedAt: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, index) =>
    `(${receivedAt}, '127.0.0.1', 'bulk', 'h', 'a', '["__package=bulk","t${index % 2}"]', 1, 1, 'auth-${index}', '{}', '[]')`);
  await writeDirectly(db, [
    `INSERT INTO results (received_at, client_ip, package, host, arch, tagset_key, success, duration, auth_key, client_info, results_list)
      VALUES ${rows.join(', ')}`,
    `INSERT INTO tagsets (tagset_key, package, tags, latest_result_id, result_count)
      SELECT tagset_key, 'bulk', tagset_key, max(id), count(*) FROM results GROUP BY tagset_key`,
  ]);
}

test('keep_last keeps the newest N of each tagset, with test cases and uploads going with the others', async (t) => {
  const clock = createClock();
  const { db, coordinator } = await openCoordinator(t, { keep_last: 2 }, clock.now);
  const a: number[] = [];
  const b: number[] = [];
  for (let index = 0; index < 4; index++) {
    a.push(await report(coordinator, { tags: ['a'] }));
    b.push(await report(coordinator, { tags: ['b'] }));
  }
  const only = await report(coordinator, { tags: ['c'] });

  t.deepEqual(await coordinator.pruneResults(), { removed: 4 });
  const kept = [a[2]!, b[2]!, a[3]!, b[3]!, only].sort((x, y) => x - y);
  const tables = await readTables(db);
  t.deepEqual(tables.results, kept);
  t.deepEqual(tables.testCaseResults, kept);
  t.deepEqual(tables.uploadResults, kept);
  t.deepEqual(tables.tagsets.map((row) => [row.latest_result_id, row.result_count]), [[a[3], 2], [b[3], 2], [only, 1]]);
  t.deepEqual(await coordinator.pruneResults(), { removed: 0 }, 'a second run finds nothing');
});

test('max_age_days removes older results but never the latest of a tagset', async (t) => {
  const clock = createClock();
  const { db, coordinator } = await openCoordinator(t, { max_age_days: 30 }, clock.now);
  const oldA = await report(coordinator, { tags: ['a'] });
  const abandoned = await report(coordinator, { tags: ['gone'] });
  clock.advance(20 * DAY);
  const middleA = await report(coordinator, { tags: ['a'] });
  clock.advance(20 * DAY);
  const newA = await report(coordinator, { tags: ['a'] });

  t.deepEqual(await coordinator.pruneResults(), { removed: 1 });
  t.deepEqual((await readTables(db)).results, [abandoned, middleA, newA], `${oldA} went; the abandoned tagset keeps its only result`);
  t.deepEqual(await coordinator.pruneResults(clock.now() + 15 * DAY), { removed: 1 });
  t.deepEqual((await readTables(db)).results, [abandoned, newA]);
  const tagsets = await coordinator.getTagsetsForPackage('widget');
  t.is(tagsets.length, 2);
});

test('with both limits a result goes when either allows it', async (t) => {
  const clock = createClock();
  const { db, coordinator } = await openCoordinator(t, { keep_last: 3, max_age_days: 10 }, clock.now);
  const keys: number[] = [];
  for (let index = 0; index < 5; index++) {
    keys.push(await report(coordinator));
    clock.advance(4 * DAY);
  }
  // Ages now: 20, 16, 12, 8 and 4 days. keep_last removes the first two, max_age the third.
  t.deepEqual(await coordinator.pruneResults(), { removed: 3 });
  t.deepEqual((await readTables(db)).results, keys.slice(3));
});

test('without a policy nothing is pruned', async (t) => {
  const clock = createClock();
  const { db, coordinator } = await openCoordinator(t, undefined, clock.now);
  await report(coordinator);
  await report(coordinator);
  clock.advance(10_000 * DAY);
  t.deepEqual(await coordinator.pruneResults(), { removed: 0 });
  t.is((await readTables(db)).results.length, 2);
});

test('2,000 results are pruned in batches while other requests are answered between them', async (t) => {
  const clock = createClock();
  const { db, coordinator } = await openCoordinator(t, { keep_last: 1, max_age_days: 1 }, clock.now);
  await insertOldResults(db, 2000, clock.now() - 5 * DAY);

  let answeredDuringPruning = 0;
  let pruning = true;
  const pruned = coordinator.pruneResults().finally(() => {
    pruning = false;
  });
  while (pruning) {
    await coordinator.countResults();
    answeredDuringPruning += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  t.deepEqual(await pruned, { removed: 1998 });
  t.true(answeredDuringPruning > 2, `answered ${answeredDuringPruning} times`);
  const tables = await readTables(db);
  t.deepEqual(tables.results, [1999, 2000]);
  t.deepEqual(tables.tagsets.map((row) => [row.latest_result_id, row.result_count]), [[1999, 1], [2000, 1]]);
});

test('closing the coordinator stops pruning between batches and leaves the tagsets consistent', async (t) => {
  const clock = createClock();
  const db = await createTestDb(t);
  await (await openStoreOf(db)).close();
  await insertOldResults(db, 2000, clock.now());
  const coordinator = createCoordinator(await openStoreOf(db), { now: clock.now, retention: parseServerConfig({ retention: { keep_last: 1 } }).retention });
  const pruned = coordinator.pruneResults();
  // Closed once the first batch is removed, while the others wait their turn.
  while (await coordinator.countResults() === 2000) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  await coordinator.close();
  const { removed } = await pruned;
  t.true(removed > 0 && removed < 1998, `removed ${removed}`);
  const tables = await readTables(db);
  t.is(tables.results.length, 2000 - removed);
  t.deepEqual(tables.tagsets.map((row) => row.latest_result_id), [1999, 2000]);
  t.is(tables.tagsets.reduce((total, row) => total + row.result_count, 0), tables.results.length);
});

test('closing the coordinator the moment a prune is asked for waits for it instead of closing the store under it', async (t) => {
  const clock = createClock();
  const { coordinator } = await openCoordinator(t, { keep_last: 1 }, clock.now);
  for (let index = 0; index < 3; index++) {
    await report(coordinator);
  }
  // Asked and closed in one turn: the prune is still settling live builds when close() begins.
  const pruning = coordinator.pruneResults();
  const closing = coordinator.close();
  await t.notThrowsAsync(pruning);
  await t.notThrowsAsync(closing);
});

// Removing results, as retention and the admin commands do, on each store; the PostgreSQL store
// stays right with several server instances removing from one database at once.
import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import type { Store } from '../../../server/store/types.ts';
import type { NewResultRecord } from '../../../server/store/types.ts';
import { storeKinds, type StoreKind } from '../../helpers/each-store.ts';

const tagset = ['__arch=a', '__host=h', '__package=p'];

function makeRecord(authKey: string, overrides: Partial<NewResultRecord> = {}): NewResultRecord {
  return {
    receivedAt: 1000, clientIp: '127.0.0.1', package: 'p', host: 'h', arch: 'a', tagset, tagsetKey: JSON.stringify(tagset),
    success: true, duration: 5, authKey, revision: null, clientInfo: { package: 'p' }, resultsList: [], testCases: [],
    ...overrides,
  };
}

/** Two stores on one database, as two server instances sharing it. */
async function openTwoInstances(t: ExecutionContext, kind: StoreKind): Promise<[Store, Store]> {
  const db = await kind.createDb(t);
  return [await kind.openStore(t, { db }), await kind.openStore(t, { db })];
}

for (const kind of storeKinds) {
  kind.test('removal skips unknown keys, and the latest of a tagset when asked to keep it', async (t) => {
    const store = await kind.openStore(t);
    const first = await store.addResult(makeRecord('a'));
    const second = await store.addResult(makeRecord('b'));

    t.deepEqual(await store.removeResults([second, 99], { keepTagsetLatest: true }), []);
    const removed = await store.removeResults([first, second, 99], { keepTagsetLatest: true });
    t.deepEqual(removed.map((record) => record.key), [first]);
    t.like(removed[0], { package: 'p', tagset, testCases: 0, uploads: 0 });
    t.like(await store.getTagset(JSON.stringify(tagset)), { resultCount: 1, latest: { key: second } });

    t.deepEqual((await store.removeResults([second], { keepTagsetLatest: false })).map((record) => record.key), [second]);
    t.is(await store.getTagset(JSON.stringify(tagset)), undefined);
    t.deepEqual(await store.listTagsets(), []);
  });

  kind.test("a tagset's older results are listed newest first after the newest ones kept", async (t) => {
    const store = await kind.openStore(t);
    const keys = [];
    for (const authKey of ['a', 'b', 'c', 'd']) {
      keys.push(await store.addResult(makeRecord(authKey)));
    }
    const reference = { package: 'p', tagsetKey: JSON.stringify(tagset) };
    t.deepEqual(await store.listOlderResultKeys(reference, 1, 2), [keys[2], keys[1]]);
    t.deepEqual(await store.listOlderResultKeys(reference, 0, 10), [...keys].reverse());
    t.deepEqual(await store.listTagsetsLargerThan(3), [reference]);
    t.deepEqual(await store.listTagsetsLargerThan(4), []);
    t.deepEqual((await store.listResultAges(keys[1]!, 10)).map((record) => [record.key, record.isTagsetLatest]),
      [[keys[2], false], [keys[3], true]]);
  });

  kind.test('a running build is neither listed nor removed, and a removed result takes its test cases along, once', async (t) => {
    const store = await kind.openStore(t);
    const testCase = { stepIndex: 0, suite: 'math', name: 'adds', file: null, status: 'passed' as const, duration: null, message: null };
    const tested = await store.addResult(makeRecord('a', { testCases: [testCase, { ...testCase, name: 'subtracts' }] }));
    const newest = await store.addResult(makeRecord('b'));
    const running = await store.beginBuild({
      startedAt: 1100, clientIp: '127.0.0.1', package: 'p', host: 'h', arch: 'a', tagsetKey: JSON.stringify(tagset), success: null,
      duration: null, authKey: 'c', updateToken: 'token', submissionId: null, clientInfo: { package: 'p' },
    });
    const reference = { package: 'p', tagsetKey: JSON.stringify(tagset) };
    t.deepEqual(await store.listOlderResultKeys(reference, 0, 10), [newest, tested]);
    t.deepEqual((await store.listResultAges(0, 10)).map((record) => record.key), [tested, newest]);

    const removed = await store.removeResults([running.resultKey, tested, tested], { keepTagsetLatest: false });
    t.deepEqual(removed.map((record) => [record.key, record.testCases]), [[tested, 2]]);
    t.deepEqual(await store.listTestCases(tested), []);
    t.like(await store.getResult(running.resultKey), { state: 'running' });
    t.like(await store.getTagset(JSON.stringify(tagset)), { resultCount: 1, latest: { key: newest } });
  });

  // Several rounds, so that the two removals overlap in at least some of them whatever the timing.
  kind.test('two instances removing from one tagset at once remove each result once and leave its count and latest right', async (t) => {
    const [one, other] = await openTwoInstances(t, kind);
    for (let round = 0; round < 8; round++) {
      const roundTagset = [...tagset, `round=${round}`];
      const tagsetKey = JSON.stringify(roundTagset);
      const keys: number[] = [];
      for (let index = 0; index < 5; index++) {
        keys.push(await one.addResult(makeRecord(randomUUID(), { tagset: roundTagset, tagsetKey })));
      }
      const [oldest, older, old, newer, newest] = keys as [number, number, number, number, number];
      // Different results: each must see the other's removal to find the tagset's new latest.
      const apart = await Promise.all([
        one.removeResults([newest], { keepTagsetLatest: false }),
        other.removeResults([newer], { keepTagsetLatest: false }),
      ]);
      t.deepEqual(apart.flat().map((result) => result.key).sort((a, b) => a - b), [newer, newest]);
      t.like(await other.getTagset(tagsetKey), { resultCount: 3, latest: { key: old } });
      // The same results, named in another order: each is removed by one of them only.
      const together = await Promise.all([
        one.removeResults([old, older], { keepTagsetLatest: false }),
        other.removeResults([older, old], { keepTagsetLatest: false }),
      ]);
      t.deepEqual(together.flat().map((result) => result.key).sort((a, b) => a - b), [older, old]);
      t.like(await one.getTagset(tagsetKey), { resultCount: 1, latest: { key: oldest } });
    }
  });
}

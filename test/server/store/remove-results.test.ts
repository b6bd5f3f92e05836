import test from 'ava';
import { openSqliteStore } from '../../../server/index.ts';
import type { NewResultRecord } from '../../../server/store/types.ts';

const tagset = ['__arch=a', '__host=h', '__package=p'];

function makeRecord(authKey: string): NewResultRecord {
  return {
    receivedAt: 1000, clientIp: '127.0.0.1', package: 'p', host: 'h', arch: 'a', tagset, tagsetKey: JSON.stringify(tagset),
    success: true, duration: 5, authKey, revision: null, clientInfo: { package: 'p' }, resultsList: [], testCases: [],
  };
}

test('removal skips unknown keys, and the latest of a tagset when asked to keep it', async (t) => {
  const store = openSqliteStore(':memory:');
  t.teardown(() => store.close());
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

test("a tagset's older results are listed newest first after the newest ones kept", async (t) => {
  const store = openSqliteStore(':memory:');
  t.teardown(() => store.close());
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

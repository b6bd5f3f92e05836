import type { ExecutionContext } from 'ava';
import type { TestCaseEntry } from '../../../server/store/test-case-types.ts';
import { storeKinds, type StoreKind } from '../../helpers/each-store.ts';
import { makeResultRecord, TAGSET_A, TAGSET_B } from '../../helpers/result-records.ts';
import { countTableRows } from '../../helpers/raw-database.ts';


function makeEntry(overrides: Partial<TestCaseEntry> = {}): TestCaseEntry {
  return { stepIndex: 1, suite: 'math', name: 'adds', file: 'math.js', status: 'passed', duration: 0.5, message: null, ...overrides };
}

const makeRecord = makeResultRecord;

// What each store says when a second result has the same auth key.
const DUPLICATE_KEY_MESSAGES = {
  sqlite: /UNIQUE constraint failed/,
  postgres: /duplicate key value violates unique constraint/,
};

async function openStore(t: ExecutionContext, kind: StoreKind) {
  const db = await kind.createDb(t);
  const store = await kind.openStore(t, { db });
  return { db, store };
}

for (const kind of storeKinds) {
  kind.test('test cases are stored with their result and read back in report order', async (t) => {
    const { store } = await openStore(t, kind);
    const cases = [makeEntry(), makeEntry({ name: 'divides', status: 'failed', message: 'expected 2', file: null, duration: null })];
    const key = await store.addResult(makeRecord({ testCases: cases, revision: 'r1' }));
    t.deepEqual(await store.listTestCases(key), cases);
    t.is((await store.getResult(key))?.revision, 'r1');
    t.is((await store.getResult(key))?.tagsetKey, TAGSET_A);
    t.deepEqual(await store.listTestCases(key + 1), []);
  });

  kind.test('a long message is stored bounded', async (t) => {
    const { store } = await openStore(t, kind);
    const key = await store.addResult(makeRecord({ testCases: [makeEntry({ message: 'm'.repeat(10_000) })] }));
    const [stored] = await store.listTestCases(key);
    t.is(stored!.message!.length, 2000);
    t.true(stored!.message!.endsWith(' [...]'));
  });

  kind.test('a result whose write fails leaves none of its test cases behind', async (t) => {
    const { db, store } = await openStore(t, kind);
    await store.addResult(makeRecord({ authKey: 'same', testCases: [makeEntry()] }));
    await t.throwsAsync(store.addResult(makeRecord({ authKey: 'same', testCases: [makeEntry(), makeEntry({ name: 'b' })] })),
      { any: true, message: DUPLICATE_KEY_MESSAGES[kind.name] });
    t.is(await countTableRows(db, 'test_cases'), 1);
  });

  kind.test('recent results of a tagset are listed newest first, up to a key', async (t) => {
    const { store } = await openStore(t, kind);
    const first = await store.addResult(makeRecord({ receivedAt: 1, revision: 'r1' }));
    await store.addResult(makeRecord({ receivedAt: 2, tagsetKey: TAGSET_B }));
    const third = await store.addResult(makeRecord({ receivedAt: 3 }));
    const fourth = await store.addResult(makeRecord({ receivedAt: 4 }));
    t.deepEqual(await store.listRecentResults('p', TAGSET_A, third, 10), [
      { key: third, receivedAt: 3, revision: null },
      { key: first, receivedAt: 1, revision: 'r1' },
    ]);
    t.deepEqual((await store.listRecentResults('p', TAGSET_A, fourth, 1)).map((result) => result.key), [fourth]);
  });

  kind.test('outcomes of more results than SQLite binds at once are all read', async (t) => {
    const { store } = await openStore(t, kind);
    const keys: number[] = [];
    for (let index = 0; index < 230; index++) {
      keys.push(await store.addResult(makeRecord({ testCases: [makeEntry({ status: index % 2 ? 'failed' : 'passed' })] })));
    }
    const outcomes = await store.listTestOutcomes(keys);
    t.is(outcomes.length, 230);
    t.deepEqual(outcomes.map((outcome) => outcome.resultKey).sort((a, b) => a - b), keys);
    t.deepEqual(await store.listTestOutcomes([]), []);
  });

  kind.test('one test\'s history spans tagsets, newest first, and pages by result key', async (t) => {
    const { store } = await openStore(t, kind);
    const first = await store.addResult(makeRecord({ receivedAt: 10, testCases: [makeEntry()] }));
    const second = await store.addResult(makeRecord({ receivedAt: 20, tagsetKey: TAGSET_B, host: 'h', revision: 'r2',
      testCases: [makeEntry({ status: 'failed', message: 'boom' }), makeEntry({ name: 'other' })] }));
    await store.addResult(makeRecord({ receivedAt: 30, package: 'q', testCases: [makeEntry()] }));
    const history = await store.listTestHistory({ packageName: 'p', suite: 'math', name: 'adds', limit: 10 });
    t.deepEqual(history.map((entry) => [entry.resultKey, entry.status, entry.tagsetKey]), [
      [second, 'failed', TAGSET_B],
      [first, 'passed', TAGSET_A],
    ]);
    t.like(history[0], { receivedAt: 20, revision: 'r2', message: 'boom', tagset: JSON.parse(TAGSET_B), host: 'h', arch: 'a', stepIndex: 1 });
    const older = await store.listTestHistory({ packageName: 'p', suite: 'math', name: 'adds', limit: 10, beforeKey: second });
    t.deepEqual(older.map((entry) => entry.resultKey), [first]);
    t.deepEqual(await store.listTestHistory({ packageName: 'p', suite: '', name: 'adds', limit: 10 }), []);
  });
}

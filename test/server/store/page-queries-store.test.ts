// The queries behind the web pages, on each store: summaries newest first, paged by key (never
// by offset), neighbours within a tagset, and the reservations list. A build still running is no
// result yet: it is in no list and no one's neighbour.
import type { ExecutionContext } from 'ava';
import type { Store } from '../../../server/store/types.ts';
import { storeKinds, type StoreKind } from '../../helpers/each-store.ts';
import { makeResultRecord, TAGSET_A, TAGSET_B } from '../../helpers/result-records.ts';
import { queryDatabase } from '../../helpers/raw-database.ts';

const TAGSET_Q = '["__arch=a","__host=h","__package=q"]';

const makeRecord = makeResultRecord;

async function openStore(t: ExecutionContext, kind: StoreKind): Promise<{ store: Store; db: string }> {
  const db = await kind.createDb(t);
  return { store: await kind.openStore(t, { db }), db };
}

// A build begun and not finished, as the live-build calls leave it: a results row in state running.
let runningBuilds = 0;
async function addRunningBuild(db: string, tagsetKey: string): Promise<number> {
  const [row] = await queryDatabase<{ id: number }>(db, `
    INSERT INTO results (received_at, client_ip, package, host, arch, tagset_key, success, duration,
                         auth_key, client_info, results_list, state)
    VALUES (1500, '127.0.0.1', 'p', 'h', 'a', ?, NULL, NULL, ?, '{}', '[]', 'running')
    RETURNING id`, [tagsetKey, `running-${++runningBuilds}`]);
  return row!.id;
}

for (const kind of storeKinds) {
  kind.test('summaries of a package list its finished results newest first, a page at a time by key', async (t) => {
    const { store, db } = await openStore(t, kind);
    const first = await store.addResult(makeRecord({ receivedAt: 1, success: true, duration: 2.5 }));
    const second = await store.addResult(makeRecord({ receivedAt: 2, tagsetKey: TAGSET_B, success: false, duration: null }));
    await store.addResult(makeRecord({ receivedAt: 3, package: 'q', tagsetKey: TAGSET_Q }));
    await addRunningBuild(db, TAGSET_A);
    const fourth = await store.addResult(makeRecord({ receivedAt: 4, success: null }));

    const page = await store.listResultSummaries({ packageName: 'p', limit: 2 });
    t.deepEqual(page, [
      { key: fourth, receivedAt: 4, package: 'p', host: 'h', arch: 'a', success: null, duration: 5, tagsetKey: TAGSET_A },
      { key: second, receivedAt: 2, package: 'p', host: 'h', arch: 'a', success: false, duration: null, tagsetKey: TAGSET_B },
    ]);
    const next = await store.listResultSummaries({ packageName: 'p', beforeKey: second, limit: 2 });
    t.deepEqual(next, [
      { key: first, receivedAt: 1, package: 'p', host: 'h', arch: 'a', success: true, duration: 2.5, tagsetKey: TAGSET_A },
    ]);
    t.deepEqual(await store.listResultSummaries({ packageName: 'p', beforeKey: first, limit: 2 }), []);
    t.deepEqual(await store.listResultSummaries({ packageName: 'nobody', limit: 2 }), []);
  });

  kind.test('summaries of one tagset leave out the package\'s other tagsets and running builds', async (t) => {
    const { store, db } = await openStore(t, kind);
    const first = await store.addResult(makeRecord({ receivedAt: 1 }));
    await store.addResult(makeRecord({ receivedAt: 2, tagsetKey: TAGSET_B }));
    const third = await store.addResult(makeRecord({ receivedAt: 3 }));
    await addRunningBuild(db, TAGSET_A);

    const keys = async (beforeKey?: number) =>
      (await store.listResultSummaries({ packageName: 'p', tagsetKey: TAGSET_A, beforeKey, limit: 10 })).map((summary) => summary.key);
    t.deepEqual(await keys(), [third, first]);
    t.deepEqual(await keys(third), [first]);
    t.deepEqual(await store.listResultSummaries({ packageName: 'q', tagsetKey: TAGSET_A, limit: 10 }), []);
  });

  kind.test('a result\'s neighbours are the finished results just before and after it in its tagset', async (t) => {
    const { store, db } = await openStore(t, kind);
    const first = await store.addResult(makeRecord());
    await store.addResult(makeRecord({ tagsetKey: TAGSET_B }));
    await addRunningBuild(db, TAGSET_A);
    const second = await store.addResult(makeRecord());
    await addRunningBuild(db, TAGSET_A);
    const third = await store.addResult(makeRecord());

    t.deepEqual(await store.findNeighbourKeys(second), { previousKey: first, nextKey: third });
    t.deepEqual(await store.findNeighbourKeys(first), { previousKey: null, nextKey: second });
    t.deepEqual(await store.findNeighbourKeys(third), { previousKey: second, nextKey: null });
    t.is(await store.findNeighbourKeys(third + 100), undefined);
  });

  kind.test('every build reservation is listed, and one ends when its tagset\'s result is stored', async (t) => {
    const { store } = await openStore(t, kind);
    t.deepEqual(await store.listBuildReservations(), []);
    await store.setBuildReservation(TAGSET_A, { reservedAt: 100.5, requestedAllowance: 600 });
    await store.setBuildReservation(TAGSET_B, { reservedAt: 200, requestedAllowance: 0 });
    const sorted = async () => (await store.listBuildReservations()).sort((a, b) => a.tagsetKey.localeCompare(b.tagsetKey));
    t.deepEqual(await sorted(), [
      { tagsetKey: TAGSET_A, reservedAt: 100.5, requestedAllowance: 600 },
      { tagsetKey: TAGSET_B, reservedAt: 200, requestedAllowance: 0 },
    ]);
    await store.addResult(makeRecord({ tagsetKey: TAGSET_A }));
    t.deepEqual(await sorted(), [{ tagsetKey: TAGSET_B, reservedAt: 200, requestedAllowance: 0 }]);
  });
}

// The delivery queue and notify rows in each store: sequences, retries, due times, and on
// PostgreSQL several instances working one queue at once.
import type { ExecutionContext } from 'ava';
import type { NewDelivery } from '../../../server/notify/delivery-types.ts';
import type { Store } from '../../../server/store/types.ts';
import { postgresKind, storeKinds, type StoreKind } from '../../helpers/each-store.ts';

const hook = (dedupeKey: string, sequenceKey?: string): NewDelivery => ({
  kind: 'webhook', target: 'http://127.0.0.1:1/hook', event: 'result', dedupeKey, sequenceKey, payload: { n: dedupeKey },
});

const delivered = { state: 'delivered' as const, nextAttemptAt: 0, lastStatus: 200, lastResponseMs: 1.5, lastError: null };

// Two stores on one database: two server instances sharing it.
async function openTwoStores(kind: StoreKind, t: ExecutionContext): Promise<[Store, Store]> {
  const db = await kind.createDb(t);
  return [await kind.openStore(t, { db }), await kind.openStore(t, { db })];
}

async function statesByPayload(store: Store): Promise<Record<string, string>> {
  const deliveries = await store.listDeliveries({ limit: 100 });
  return Object.fromEntries(deliveries.map((delivery) => [(delivery.payload as { n: string }).n, delivery.state]));
}

for (const kind of storeKinds) {
  kind.test('a newer delivery of a sequence supersedes those not begun, waits for the one in hand, and a resent one supersedes nothing', async (t) => {
    const store = await kind.openStore(t);
    await store.enqueueDeliveries([hook('a', 'commit-1')], 100);
    const first = await store.claimDelivery(['webhook'], 100, 130);
    t.like(first, { payload: { n: 'a' } });
    t.is(await store.enqueueDeliveries([hook('b', 'commit-1'), hook('other')], 101), 2);
    // b waits for a, which a worker holds; the delivery outside the sequence goes first.
    t.like(await store.claimDelivery(['webhook'], 102, 132), { payload: { n: 'other' } });
    t.is(await store.claimDelivery(['webhook'], 102, 132), undefined);
    t.is(await store.enqueueDeliveries([hook('c', 'commit-1')], 103), 1);
    t.deepEqual(await statesByPayload(store), { a: 'pending', b: 'superseded', c: 'pending', other: 'pending' });
    t.like((await store.listDeliveries({ limit: 10, state: 'superseded' }))[0], { lastError: 'superseded by a newer delivery' });
    // A resent delivery is queued once and leaves the newer one alone.
    t.is(await store.enqueueDeliveries([hook('b', 'commit-1')], 104), 0);
    t.is(await store.claimDelivery(['webhook'], 104, 134), undefined);
    t.true(await store.finishDeliveryAttempt(first!.key, 130, delivered));
    t.like(await store.claimDelivery(['webhook'], 104, 134), { payload: { n: 'c' }, attempts: 1 });
    t.deepEqual(await statesByPayload(store), { a: 'delivered', b: 'superseded', c: 'pending', other: 'pending' });
  });

  kind.test('a failed attempt is retried when it is due, and the next due time counts leases', async (t) => {
    const store = await kind.openStore(t);
    t.is(await store.findNextDeliveryTime(['webhook']), undefined);
    await store.enqueueDeliveries([hook('x')], 100.25);
    t.is(await store.findNextDeliveryTime(['webhook']), 100.25);
    t.is(await store.findNextDeliveryTime(['email']), undefined);
    const claimed = await store.claimDelivery(['email', 'webhook'], 100.5, 130.75);
    t.is(await store.findNextDeliveryTime(['webhook']), 130.75);
    t.true(await store.finishDeliveryAttempt(claimed!.key, 130.75, {
      state: 'pending', nextAttemptAt: 200, lastStatus: 503, lastResponseMs: 12.5, lastError: 'HTTP 503 Service Unavailable',
    }));
    t.is(await store.findNextDeliveryTime(['webhook']), 200);
    t.is(await store.claimDelivery(['webhook'], 199, 229), undefined);
    t.like(await store.claimDelivery(['webhook'], 200, 230), {
      id: claimed!.id, attempts: 2, lockedUntil: 230, createdAt: 100.25, nextAttemptAt: 200, lastStatus: 503, lastResponseMs: 12.5,
    });
  });

  kind.test('deliveries are listed newest first, limited, and by state', async (t) => {
    const store = await kind.openStore(t);
    await store.enqueueDeliveries([hook('1'), hook('2'), hook('3')], 100);
    const oldest = await store.claimDelivery(['webhook'], 100, 130);
    await store.finishDeliveryAttempt(oldest!.key, 130, delivered);
    t.deepEqual((await store.listDeliveries({ limit: 2 })).map((delivery) => delivery.payload), [{ n: '3' }, { n: '2' }]);
    t.deepEqual((await store.listDeliveries({ limit: 10, state: 'delivered' })).map((delivery) => delivery.payload), [{ n: '1' }]);
    t.deepEqual(await store.listDeliveries({ limit: 10, state: 'failed' }), []);
    t.regex((await store.listDeliveries({ limit: 1 }))[0]!.id, /^[0-9a-f-]{36}$/);
  });

  kind.test('a notify row left to retry is taken again at its time; a row worked out into nothing queues nothing', async (t) => {
    const store = await kind.openStore(t);
    t.is(await store.findNextNotifyTime(), undefined);
    await store.addNotifyRow(3, 'finished', 100);
    const taken = await store.claimNotifyRow(100, 130);
    await store.retryNotifyRow(taken!.key, 130, 150);
    t.is(await store.findNextNotifyTime(), 150);
    t.is(await store.claimNotifyRow(149, 179), undefined);
    const retaken = await store.claimNotifyRow(150, 180);
    t.deepEqual(retaken, { key: taken!.key, resultKey: 3, event: 'finished', attempts: 2 });
    t.is(await store.finishNotifyRow(retaken!.key, 180, [], 151), 0);
    t.is(await store.findNextNotifyTime(), undefined);
    t.deepEqual(await store.listDeliveries({ limit: 10 }), []);
  });

  kind.test('what was announced about each builder is remembered, the last word winning', async (t) => {
    const [first, second] = await openTwoStores(kind, t);
    t.deepEqual(await first.readBuilderAnnouncements(), new Map());
    await first.writeBuilderAnnouncement('widget/builder-1', 'missing', 100);
    await second.writeBuilderAnnouncement('widget/builder-2', 'stale', 100);
    await second.writeBuilderAnnouncement('widget/builder-1', 'ok', 101);
    const announcements = [...await first.readBuilderAnnouncements()].sort(([a], [b]) => a.localeCompare(b));
    t.deepEqual(announcements, [['widget/builder-1', 'ok'], ['widget/builder-2', 'stale']]);
  });
}

postgresKind.test('two instances claiming one queue of 50 deliveries at once take each exactly once', async (t) => {
  const stores = await openTwoStores(postgresKind, t);
  await stores[0].enqueueDeliveries(Array.from({ length: 50 }, (_, index) => hook(`d${index}`)), 100);
  const claimed: number[] = [];
  // Four claim loops per instance, as a busy worker's loops would be.
  await Promise.all(stores.flatMap((store) => Array.from({ length: 4 }, async () => {
    for (let delivery = await store.claimDelivery(['webhook'], 100, 130); delivery; delivery = await store.claimDelivery(['webhook'], 100, 130)) {
      claimed.push(delivery.key);
    }
  })));
  t.is(claimed.length, 50);
  t.is(new Set(claimed).size, 50);
  t.true((await stores[1].listDeliveries({ limit: 100 })).every((delivery) => delivery.attempts === 1 && delivery.lockedUntil === 130));
  t.is(await stores[1].claimDelivery(['webhook'], 129, 159), undefined);
});

postgresKind.test('two instances queuing into the same sequences at once leave only the newest of each pending', async (t) => {
  const stores = await openTwoStores(postgresKind, t);
  const sequences = ['commit-1', 'commit-2', 'commit-3', 'commit-4', 'commit-5'];
  await Promise.all(sequences.flatMap((sequence) => stores.flatMap((store, instance) => Array.from({ length: 8 }, (_, index) =>
    store.enqueueDeliveries([hook(`${sequence}/${instance}-${index}`, sequence), hook(`free/${sequence}/${instance}-${index}`)], 100)))));
  const all = await stores[0].listDeliveries({ limit: 1000 });
  t.is(all.length, 160);
  for (const sequence of sequences) {
    const inSequence = all.filter((delivery) => (delivery.payload as { n: string }).n.startsWith(`${sequence}/`));
    const pending = inSequence.filter((delivery) => delivery.state === 'pending');
    // One survivor, the last queued: the highest key of its sequence.
    t.is(pending.length, 1, sequence);
    t.is(pending[0]?.key, Math.max(...inSequence.map((delivery) => delivery.key)), sequence);
  }
  t.is(all.filter((delivery) => delivery.state === 'superseded').length, 75);
});

postgresKind.test('two instances claiming the one notify row at once: one takes it, and the newer row waits for it', async (t) => {
  const stores = await openTwoStores(postgresKind, t);
  await stores[0].addNotifyRow(1, 'begin', 100);
  await stores[1].addNotifyRow(1, 'finished', 101);
  const claims = await Promise.all([...stores, ...stores].map((store) => store.claimNotifyRow(102, 130)));
  const taken = claims.filter((claim) => claim !== undefined);
  t.is(taken.length, 1);
  t.like(taken[0], { event: 'begin', attempts: 1 });
  t.is(await stores[1].finishNotifyRow(taken[0]!.key, 130, [hook('begin')], 103), 1);
  const next = await Promise.all([...stores, ...stores].map((store) => store.claimNotifyRow(103, 133)));
  t.deepEqual(next.filter((claim) => claim !== undefined).map((claim) => claim!.event), ['finished']);
});

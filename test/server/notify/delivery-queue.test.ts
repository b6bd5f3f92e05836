import type { ExecutionContext } from 'ava';
import { DEFAULT_DELIVERY_POLICY } from '../../../server/config/notify-config-types.ts';
import { createDeliveryWorker } from '../../../server/notify/delivery-worker.ts';
import type { DeliveryRecord, HandlerAnswer } from '../../../server/notify/delivery-types.ts';
import { storeKinds, type StoreKind } from '../../helpers/each-store.ts';

// Two stores on one database: two server processes sharing it.
async function openTwoStores(kind: StoreKind, t: ExecutionContext) {
  const db = await kind.createDb(t);
  const first = await kind.openStore(t, { db });
  const second = await kind.openStore(t, { db });
  return { first, second };
}

const hook = (dedupeKey: string) => ({ kind: 'webhook', target: 'http://127.0.0.1:1/hook', event: 'result', dedupeKey, payload: { n: dedupeKey } });

for (const kind of storeKinds) {
  kind.test('the same dedupe key is queued once, and a claimed delivery is not claimed again by another process until its lease runs out', async (t) => {
    const { first, second } = await openTwoStores(kind, t);
    t.is(await first.enqueueDeliveries([hook('a'), hook('a')], 100), 1);
    t.is(await second.enqueueDeliveries([hook('a')], 100), 0);
    const claimed = await first.claimDelivery(['webhook'], 100, 130);
    t.like(claimed, { attempts: 1, state: 'pending', lockedUntil: 130, payload: { n: 'a' } });
    t.is(await second.claimDelivery(['webhook'], 129, 160), undefined);
    t.is(await second.claimDelivery(['email'], 200, 230), undefined);
    // The first process was killed mid-delivery: after the lease, the other takes it, with the same id.
    const retaken = await second.claimDelivery(['webhook'], 130, 160);
    t.like(retaken, { id: claimed!.id, attempts: 2 });
    // The first process's late answer is not recorded: it no longer holds the lease.
    t.false(await first.finishDeliveryAttempt(claimed!.key, 130, { state: 'delivered', nextAttemptAt: 131, lastStatus: 200, lastResponseMs: 1, lastError: null }));
    t.true(await second.finishDeliveryAttempt(claimed!.key, 160, { state: 'delivered', nextAttemptAt: 131, lastStatus: 200, lastResponseMs: 1, lastError: null }));
    t.like((await first.listDeliveries({ limit: 10 }))[0], { state: 'delivered', attempts: 2, lastStatus: 200, lockedUntil: null });
  });

  kind.test('the worker retries with the configured delays and ends a delivery as failed after max_attempts', async (t) => {
    const { first: store } = await openTwoStores(kind, t);
    const log: string[] = [];
    const worker = createDeliveryWorker({
      store, policy: { ...DEFAULT_DELIVERY_POLICY, maxAttempts: 3, retryDelaysSeconds: [0.01, 0.02] }, now: () => Date.now() / 1000, log: (line) => log.push(line),
    });
    t.teardown(() => worker.stop());
    const attempts: DeliveryRecord[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    worker.registerHandler('webhook', async (delivery): Promise<HandlerAnswer> => {
      attempts.push(delivery);
      if (delivery.attempts === 3) {
        setImmediate(finished);
      }
      return { ok: false, status: 503, error: 'HTTP 503 Service Unavailable' };
    });
    worker.start();
    await store.enqueueDeliveries([hook('x')], Date.now() / 1000);
    worker.wake();
    await done;
    await worker.stop();
    t.deepEqual(attempts.map((delivery) => delivery.attempts), [1, 2, 3]);
    t.is(new Set(attempts.map((delivery) => delivery.id)).size, 1);
    const [record] = await store.listDeliveries({ limit: 1 });
    t.like(record, { state: 'failed', attempts: 3, lastStatus: 503, lastError: 'HTTP 503 Service Unavailable' });
    t.regex(log.join('\n'), /failed after 3 attempts: HTTP 503/);
  });

  kind.test('notify rows are taken oldest first and one at a time; a worker whose lease ran out queues nothing and keeps the row', async (t) => {
    const { first, second } = await openTwoStores(kind, t);
    await first.addNotifyRow(7, 'begin', 100);
    await second.addNotifyRow(7, 'finished', 101);
    t.is(await first.findNextNotifyTime(), 100);
    const taken = await first.claimNotifyRow(102, 130);
    t.deepEqual(taken, { key: taken!.key, resultKey: 7, event: 'begin', attempts: 1 });
    // The newer row waits for the older one: a commit's pending must be queued before its outcome.
    t.is(await second.claimNotifyRow(110, 140), undefined);
    t.is(await second.findNextNotifyTime(), 130);
    const retaken = await second.claimNotifyRow(130, 160);
    t.like(retaken, { key: taken!.key, attempts: 2 });
    t.is(await first.finishNotifyRow(taken!.key, 130, [hook('late')], 131), undefined);
    t.is(await second.finishNotifyRow(taken!.key, 160, [hook('on time'), hook('on time')], 131), 1);
    t.deepEqual((await first.listDeliveries({ limit: 10 })).map((delivery) => delivery.payload), [{ n: 'on time' }]);
    t.like(await first.claimNotifyRow(131, 161), { resultKey: 7, event: 'finished' });
  });
}

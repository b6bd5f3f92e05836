import { setTimeout as delay } from 'node:timers/promises';
import test from 'ava';
import { parseServerConfig } from '../../../server/config/parse-server-config.ts';
import { createCoordinator } from '../../../server/coordinator/create-coordinator.ts';
import { listRowDeliveries } from '../../../server/notify/fan-out-notifications.ts';
import { createResultNotifier } from '../../../server/notify/notify-results.ts';
import { createWebhookChannel } from '../../../server/notify/webhooks.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createTestDb, openStoreOf, readCount, startTestServer } from '../helpers/server.ts';
import { listAcknowledged, parseBody, startReceiver } from './helpers/receivers.ts';

const SECRET = 'It is a secret to everybody';
const now = () => Date.now() / 1000;

// Polls the database the server writes: only there is it visible that nothing is left to send.
async function waitForEmptyQueue(db: string): Promise<void> {
  const left = "SELECT (SELECT count(*) FROM notify_queue) + (SELECT count(*) FROM deliveries WHERE state = 'pending') AS count";
  while (await readCount(db, left) > 0) {
    await delay(20);
  }
}

test('notify rows a killed server left, one already fanned out and one not yet taken, are each delivered once after a restart', async (t) => {
  const db = await createTestDb(t);
  const receiver = await startReceiver(t, SECRET);
  const config = parseServerConfig({ webhooks: [{ url: receiver.url, secret: SECRET, events: ['result', 'broke', 'fixed'] }] });
  const channels = [createWebhookChannel(config.notifications.webhooks)];

  // The process that was killed: it stored two results and queued their notify rows; its worker
  // took the first row and queued its deliveries, and died before deleting the row.
  const store = await openStoreOf(db);
  const coordinator = createCoordinator(store, { notifier: createResultNotifier({ store, channels, now, log: t.log, wake: () => {} }) });
  const passed = (await coordinator.addResults(makeClientInfo({ success: true }), [makeStep()], { clientIp: '127.0.0.1' })).resultKey;
  const broke = (await coordinator.addResults(makeClientInfo({ success: false }), [makeStep({ status: 1 })], { clientIp: '127.0.0.1' })).resultKey;
  // A lease that has run out by the time the next server looks.
  const taken = await store.claimNotifyRow(now(), now() - 1);
  t.like(taken, { resultKey: passed, event: 'finished', attempts: 1 });
  t.is(await store.enqueueDeliveries(await listRowDeliveries(store, channels, null, taken!), now()), 1);
  await coordinator.close();

  const { server } = await startTestServer(t, { db, config });
  await receiver.waitFor((requests) => listAcknowledged(requests).length >= 3);
  await waitForEmptyQueue(db);
  await server.close();

  const acknowledged = listAcknowledged(receiver.requests);
  t.deepEqual(acknowledged.map((request) => `${parseBody(request).result_key} ${request.headers['x-pony-build-event']}`).sort(),
    [`${passed} result`, `${broke} result`, `${broke} broke`].sort());
  t.is(new Set(acknowledged.map((request) => request.headers['x-pony-build-delivery'])).size, 3);
  t.is(receiver.requests.length, 3, 'nothing was sent twice');
});

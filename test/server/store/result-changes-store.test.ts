// A change published by one store reaches the listeners of every other store on the same
// PostgreSQL database, not its own; a listener whose connection the database ends hears again
// once it has reconnected. SQLite serves one process, so it carries nothing.
import type { ExecutionContext } from 'ava';
import pg from 'pg';
import type { Store } from '../../../server/store/types.ts';
import { postgresKind, sqliteKind } from '../../helpers/each-store.ts';

/** What `store` hears, and a wait for one key; the subscription ends with the test at the latest. */
async function listen(t: ExecutionContext, store: Store) {
  const heard: number[] = [];
  const waiters: Array<() => void> = [];
  const unsubscribe = await store.subscribeResultChanges((resultKey) => {
    heard.push(resultKey);
    waiters.splice(0).forEach((wake) => wake());
  });
  t.teardown(unsubscribe);
  const next = (): Promise<void> => new Promise((resolve) => waiters.push(resolve));
  /** Resolves once `resultKey` has been heard. */
  const hear = async (resultKey: number) => {
    while (!heard.includes(resultKey)) {
      await next();
    }
  };
  return { heard, hear, unsubscribe };
}

sqliteKind.test('publishing a result change does nothing, and subscribing hears nothing', async (t) => {
  const store = await sqliteKind.openStore(t);
  const { heard, unsubscribe } = await listen(t, store);
  await store.publishResultChange(1);
  await unsubscribe();
  t.deepEqual(heard, []);
});

postgresKind.test('a change published by one store is heard by another on the same database, not by itself', async (t) => {
  const db = await postgresKind.createDb(t);
  const first = await postgresKind.openStore(t, { db });
  const second = await postgresKind.openStore(t, { db });
  const third = await postgresKind.openStore(t, { db });
  const ofFirst = await listen(t, first);
  const ofSecond = await listen(t, second);
  const ofThird = await listen(t, third);

  await first.publishResultChange(41);
  await second.publishResultChange(42);
  await Promise.all([ofSecond.hear(41), ofThird.hear(41), ofFirst.hear(42), ofThird.hear(42)]);
  // A store's own notification would arrive before the next one from another store: waiting
  // for 43 shows that the first and second never heard themselves.
  await third.publishResultChange(43);
  await Promise.all([ofFirst.hear(43), ofSecond.hear(43)]);
  t.deepEqual(ofFirst.heard, [42, 43]);
  t.deepEqual(ofSecond.heard, [41, 43]);
  t.deepEqual(ofThird.heard, [41, 42]);

  await ofSecond.unsubscribe();
  await first.publishResultChange(44);
  await ofThird.hear(44);
  t.deepEqual(ofSecond.heard, [41, 43], 'an ended subscription hears no more');
});

postgresKind.test('a listener whose connection the database ends listens again and hears later changes', async (t) => {
  const db = await postgresKind.createDb(t);
  const publisher = await postgresKind.openStore(t, { db });
  const listener = await postgresKind.openStore(t, { db });
  const { hear } = await listen(t, listener);

  const admin = new pg.Client({ connectionString: db });
  await admin.connect();
  t.teardown(() => admin.end());
  const ended = await admin.query(`
    SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
    WHERE datname = current_database() AND query = 'LISTEN pony_build_result_changes'`);
  t.deepEqual(ended.rows, [{ ended: true }], 'one connection listened, and it was ended');

  // Published again and again until heard: a change made while no connection listens is lost
  // (followers' heartbeats cover that), so only one made after reconnecting can be heard.
  const publishing = setInterval(() => void publisher.publishResultChange(7), 50);
  try {
    await hear(7);
  } finally {
    clearInterval(publishing);
  }
  t.pass();
});

postgresKind.test('closing a store that listens gives its connection back, and the database sees no listener', async (t) => {
  const db = await postgresKind.createDb(t);
  const store = await postgresKind.openStore(t, { db });
  await store.subscribeResultChanges(() => {});
  await store.close();
  const admin = new pg.Client({ connectionString: db });
  await admin.connect();
  t.teardown(() => admin.end());
  const listening = await admin.query(`
    SELECT count(*)::int AS count FROM pg_stat_activity
    WHERE datname = current_database() AND query = 'LISTEN pony_build_result_changes'`);
  t.deepEqual(listening.rows, [{ count: 0 }]);
  await t.throwsAsync(store.subscribeResultChanges(() => {}), { message: /the PostgreSQL store is closed/ });
});

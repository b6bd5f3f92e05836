// Requests counted in the store for limits.requests_per_minute: on PostgreSQL every store on one
// database adds to the same count, each request seeing a count of its own however many arrive
// together; minutes past are swept. SQLite leaves counting to the process's memory.
import test from 'ava';
import pg from 'pg';
import { postgresKind, sqliteKind } from '../../helpers/each-store.ts';

sqliteKind.test('the store has no shared request counts: one process counts in its memory', async (t) => {
  const store = await sqliteKind.openStore(t);
  t.is(store.sharedRequestCounts, null);
});

postgresKind.test('requests counted together from two stores on one database each get a count of their own', async (t) => {
  const db = await postgresKind.createDb(t);
  const first = (await postgresKind.openStore(t, { db })).sharedRequestCounts!;
  const second = (await postgresKind.openStore(t, { db })).sharedRequestCounts!;
  const minute = 28_333_333;
  const counts = await Promise.all(Array.from({ length: 40 }, (_, index) =>
    (index % 2 === 0 ? first : second).countRequest('192.0.2.7', minute)));
  t.deepEqual(counts.sort((a, b) => a - b), Array.from({ length: 40 }, (_, index) => index + 1));
  t.is(await first.countRequest('192.0.2.8', minute), 1, 'another address counts apart');
  t.is(await second.countRequest('192.0.2.7', minute + 1), 1, 'the next minute starts again');
});

postgresKind.test('minutes older than the one before are swept once a store counts in a new minute', async (t) => {
  const db = await postgresKind.createDb(t);
  const counts = (await postgresKind.openStore(t, { db })).sharedRequestCounts!;
  await counts.countRequest('192.0.2.7', 100);
  await counts.countRequest('192.0.2.7', 101);
  await counts.countRequest('192.0.2.7', 102);
  const admin = new pg.Client({ connectionString: db });
  await admin.connect();
  t.teardown(() => admin.end());
  const rows = await admin.query('SELECT minute::int AS minute, count FROM request_counts ORDER BY minute');
  t.deepEqual(rows.rows, [{ minute: 101, count: 1 }, { minute: 102, count: 1 }]);
});

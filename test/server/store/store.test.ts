import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import { openSqliteStore, SchemaVersionError } from '../../../server/index.ts';
import { POSTGRES_SCHEMA_VERSION } from '../../../server/store/postgres-schema.ts';
import { SCHEMA_VERSION } from '../../../server/store/sqlite-schema.ts';
import type { NewResultRecord } from '../../../server/store/types.ts';
import { storeKinds } from '../../helpers/each-store.ts';
import { queryDatabase } from '../../helpers/raw-database.ts';
import { makeTempDirectory } from '../helpers/server.ts';

function makeRecord(overrides: Partial<NewResultRecord> = {}): NewResultRecord {
  return {
    receivedAt: 1000,
    clientIp: '127.0.0.1',
    package: 'p',
    host: 'h',
    arch: 'a',
    tagset: ['__arch=a', '__host=h', '__package=p'],
    tagsetKey: '["__arch=a","__host=h","__package=p"]',
    success: true,
    duration: 5,
    authKey: 'key-1',
    revision: null,
    clientInfo: { package: 'p' },
    resultsList: [],
    testCases: [],
    ...overrides,
  };
}

// What each store says when a second result has the same auth key.
const DUPLICATE_AUTH_KEY_MESSAGES = {
  sqlite: /UNIQUE constraint failed: results\.auth_key/,
  postgres: /duplicate key value violates unique constraint "results_auth_key_key"/,
};

const SCHEMA_VERSIONS = { sqlite: SCHEMA_VERSION, postgres: POSTGRES_SCHEMA_VERSION };

for (const kind of storeKinds) {
  kind.test('a result whose write fails leaves nothing behind, not even a tagset count', async (t) => {
    const store = await kind.openStore(t);
    await store.addResult(makeRecord());
    await t.throwsAsync(store.addResult(makeRecord({ receivedAt: 2000 })), { any: true, message: DUPLICATE_AUTH_KEY_MESSAGES[kind.name] });
    t.is(await store.countResults(), 1);
    const [tagset] = await store.listTagsets('p');
    t.is(tagset!.resultCount, 1);
    t.is(tagset!.latest.receivedAt, 1000);
  });

  kind.test('the latest result of a tagset is the one stored last', async (t) => {
    const store = await kind.openStore(t);
    await store.addResult(makeRecord({ authKey: 'a', success: true }));
    const key = await store.addResult(makeRecord({ authKey: 'b', success: false, clientInfo: { package: 'p', n: 2 } }));
    const latest = await store.getLatestResultForTagset('p', makeRecord().tagsetKey);
    t.is(latest?.key, key);
    t.deepEqual(latest?.clientInfo, { package: 'p', n: 2 });
    t.is((await store.getTagset(makeRecord().tagsetKey))?.latest.success, false);
    t.is(await store.getLatestResultForTagset('other', makeRecord().tagsetKey), undefined);
  });

  kind.test('a new database has the current schema version', async (t) => {
    const db = await kind.createDb(t);
    await (await kind.openStore(t, { db })).close();
    t.deepEqual(await queryDatabase(db, 'SELECT version FROM schema_version'), [{ version: SCHEMA_VERSIONS[kind.name] }]);
  });

  kind.test('a database from a newer server is refused', async (t) => {
    const db = await kind.createDb(t);
    await (await kind.openStore(t, { db })).close();
    await queryDatabase(db, 'UPDATE schema_version SET version = 99');
    const error = await t.throwsAsync(kind.openStore(t, { db }), { instanceOf: SchemaVersionError });
    t.is(error?.message, `The database has schema version 99, but this server knows versions up to ${SCHEMA_VERSIONS[kind.name]}; upgrade pony-build`);
  });
}

// SQLite only: WAL is a mode of the SQLite file (PostgreSQL has its own log, not the store's choice).
test('a database file is created in WAL mode with the current schema version', async (t) => {
  const file = path.join(makeTempDirectory(t), 'results.db');
  await openSqliteStore(file).close();
  const database = new Database(file, { readonly: true });
  t.teardown(() => database.close());
  t.is(database.pragma('journal_mode', { simple: true }), 'wal');
  t.deepEqual(database.prepare('SELECT version FROM schema_version').all(), [{ version: SCHEMA_VERSION }]);
});

// SQLite only: openSqliteStore is synchronous, so a refusal throws at once rather than rejecting.
test('a SQLite database from a newer server is refused as the store opens', async (t) => {
  const file = path.join(makeTempDirectory(t), 'results.db');
  await openSqliteStore(file).close();
  const database = new Database(file);
  database.prepare('UPDATE schema_version SET version = 99').run();
  database.close();
  const error = t.throws(() => openSqliteStore(file), { instanceOf: SchemaVersionError });
  t.is(error?.message, `The database has schema version 99, but this server knows versions up to ${SCHEMA_VERSION}; upgrade pony-build`);
});

// The PostgreSQL schema is applied at open under an advisory lock: instances starting together
// on a new database all come up, with the schema applied once; a database from a newer server is
// refused by name, as a SQLite file is.
import pg from 'pg';
import { openPostgresStore } from '../../../server/store/postgres-store.ts';
import { POSTGRES_SCHEMA_VERSION } from '../../../server/store/postgres-schema.ts';
import { SchemaVersionError } from '../../../server/store/sqlite-schema.ts';
import { createTestDatabase, postgresTest } from '../../helpers/postgres.ts';
import { makeTempDirectory } from '../helpers/server.ts';

async function query<Row>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

postgresTest('instances opening a new database together all start, and the schema is applied once', async (t) => {
  const url = await createTestDatabase(t);
  const filesDirectory = makeTempDirectory(t);
  const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url, { filesDirectory })));
  t.teardown(() => Promise.all(stores.map((store) => store.close())));
  t.deepEqual(await query(url, 'SELECT version FROM schema_version'), [{ version: POSTGRES_SCHEMA_VERSION }]);
  t.is(await stores[3]!.countResults(), 0);
  const indexes = (await query<{ indexname: string }>(url, "SELECT indexname FROM pg_indexes WHERE tablename = 'test_cases' ORDER BY indexname")).map((row) => row.indexname);
  t.deepEqual(indexes, ['test_cases_by_result', 'test_cases_by_test', 'test_cases_pkey']);
});

postgresTest('a database written by a newer server is refused, naming both versions', async (t) => {
  const url = await createTestDatabase(t);
  await (await openPostgresStore(url, { filesDirectory: makeTempDirectory(t) })).close();
  await query(url, `UPDATE schema_version SET version = ${POSTGRES_SCHEMA_VERSION + 1}`);
  const error = await t.throwsAsync(openPostgresStore(url, { filesDirectory: makeTempDirectory(t) }), { instanceOf: SchemaVersionError });
  t.is(error?.message, `The database has schema version ${POSTGRES_SCHEMA_VERSION + 1}, but this server knows versions up to ${POSTGRES_SCHEMA_VERSION}; upgrade pony-build`);
});

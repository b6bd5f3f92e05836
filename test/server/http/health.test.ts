// GET /healthz reads the real database: 200 while it can, 503 with the database's own words once
// it cannot: SQLite's once the files under the running server are garbage, PostgreSQL's once the
// database is dropped from under it.
import fs from 'node:fs';
import test from 'ava';
import pg from 'pg';
import { isPostgresUrl } from '../../../server/store/postgres-database.ts';
import { postgresServerUrl } from '../../helpers/postgres.ts';
import { makeClientInfo } from '../helpers/results.ts';
import { startTestServer } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

// Written over in place (same file, same size), as a failing disk or a stray `dd` would: the
// server keeps its open handles. The WAL and its index go too, or SQLite would go on answering
// from the pages it holds.
function overwriteWithGarbage(db: string): void {
  for (const file of [db, `${db}-wal`, `${db}-shm`]) {
    const handle = fs.openSync(file, 'r+');
    try {
      fs.writeSync(handle, Buffer.alloc(fs.fstatSync(handle).size, 'garbage!'));
    } finally {
      fs.closeSync(handle);
    }
  }
}

// The server's connections are ended with it, as when a database goes away under a running server.
async function dropDatabase(db: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE ${new URL(db).pathname.slice(1)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Makes the database under a running server unreadable; what the database then says. */
async function breakDatabase(db: string): Promise<string> {
  if (isPostgresUrl(db)) {
    await dropDatabase(db);
    return `database "${new URL(db).pathname.slice(1)}" does not exist`;
  }
  overwriteWithGarbage(db);
  return 'file is not a database';
}

test('/healthz answers 200 with the database ok, and is never cached', async (t) => {
  const { url } = await startTestServer(t);
  await createThirdPartyClient(url).call('add_results', [makeClientInfo(), []]);
  const answer = await fetch(new URL('healthz', url));
  t.is(answer.status, 200);
  t.is(answer.headers.get('Cache-Control'), 'no-store');
  t.deepEqual(await answer.json(), { ok: true, db: 'ok' });
});

test('/healthz answers 503 with what went wrong once the database cannot be read, and pages fail too', async (t) => {
  const { url, db } = await startTestServer(t);
  await createThirdPartyClient(url).call('add_results', [makeClientInfo(), []]);
  t.is((await fetch(new URL('healthz', url))).status, 200);

  const problem = await breakDatabase(db);

  const answer = await fetch(new URL('healthz', url));
  t.is(answer.status, 503);
  t.deepEqual(await answer.json(), { ok: false, db: problem });
  t.is((await fetch(new URL('api/v1/packages', url))).status, 500, 'the check agrees with what a real read meets');
});

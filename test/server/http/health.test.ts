// GET /healthz reads the real database: 200 while it can, 503 with SQLite's own words once the
// files under the running server are garbage.
import fs from 'node:fs';
import test from 'ava';
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

  overwriteWithGarbage(db);

  const answer = await fetch(new URL('healthz', url));
  t.is(answer.status, 503);
  t.deepEqual(await answer.json(), { ok: false, db: 'file is not a database' });
  t.is((await fetch(new URL('api/v1/packages', url))).status, 500, 'the check agrees with what a real read meets');
});

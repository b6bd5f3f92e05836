// A server's life: a restart on the same database (a SQLite file, or PostgreSQL in the second pass
// of the tests) keeps what it stored; `:memory:` is SQLite's own and keeps nothing.
import test from 'ava';
import { startServer } from '../../server/index.ts';
import { createTestDb, filesDirectoryOf } from './helpers/server.ts';
import { makeClientInfo, makeStep } from './helpers/results.ts';
import { createThirdPartyClient } from './helpers/xmlrpc-client.ts';

test('results and uploads survive a restart on the same database', async (t) => {
  const db = await createTestDb(t);
  const dataDir = filesDirectoryOf(t, db);
  const first = await startServer({ port: 0, db, dataDir });
  const client = createThirdPartyClient(first.url);
  const [key, authKey] = await client.call('add_results', [makeClientInfo({ extra: 'kept' }), [makeStep()]]);
  const before = await client.call('get_results', [key]);
  const uploaded = await fetch(new URL(`upload?description=d&filename=log.txt&visible=yes&auth_key=${authKey}`, first.url), {
    method: 'POST',
    body: 'file body',
  });
  t.is(uploaded.status, 200);
  await first.close();

  const second = await startServer({ port: 0, db, dataDir });
  t.teardown(() => second.close());
  const reopened = createThirdPartyClient(second.url);
  t.deepEqual(await reopened.call('get_results', [key]), before);
  const [nextKey] = await reopened.call('add_results', [makeClientInfo(), []]);
  t.is(nextKey, key + 1);
  t.is(await (await fetch(new URL(`results/${key}/files/1`, second.url))).text(), 'file body');
});

test('close() can be called twice and refuses new connections afterwards', async (t) => {
  const db = await createTestDb(t);
  const server = await startServer({ port: 0, db, dataDir: filesDirectoryOf(t, db) });
  // An idle keep-alive connection must not hold close() open.
  await fetch(server.url);
  await Promise.all([server.close(), server.close()]);
  await t.throwsAsync(fetch(server.url));
});

test(':memory: keeps nothing between starts', async (t) => {
  const first = await startServer({ port: 0, db: ':memory:' });
  await createThirdPartyClient(first.url).call('add_results', [makeClientInfo(), []]);
  await first.close();
  const second = await startServer({ port: 0, db: ':memory:' });
  t.teardown(() => second.close());
  t.deepEqual(await createThirdPartyClient(second.url).call('get_tagsets_for_package', ['widget']), []);
});

test('a bad option is refused before anything starts', async (t) => {
  await t.throwsAsync(startServer({ port: 70_000, db: ':memory:' }), {
    message: 'Expected the `port` option to be an integer from 0 to 65535, got `70000` (number)',
  });
  await t.throwsAsync(startServer({ port: 0, db: ':memory:', maxBodyBytes: 0 }), {
    message: 'Expected the `maxBodyBytes` option to be a positive integer, got `0` (number)',
  });
});

test('a port in use is an error from startServer, and the running server is unaffected', async (t) => {
  const first = await startServer({ port: 0, db: ':memory:' });
  t.teardown(() => first.close());
  const port = Number(new URL(first.url).port);
  await t.throwsAsync(startServer({ port, db: ':memory:' }), { code: 'EADDRINUSE' });
  t.is((await fetch(first.url)).status, 200);
});

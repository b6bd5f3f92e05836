import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import { createCoordinator, openSqliteStore } from '../../../server/index.ts';
import { SCHEMA_VERSION } from '../../../server/store/sqlite-schema.ts';
import { makeTempDirectory } from '../helpers/server.ts';

// Each fixture is the dump of a database that a server of that schema version wrote.
function createDatabaseFromDump(t: import('ava').ExecutionContext, dump: string): string {
  const file = path.join(makeTempDirectory(t), 'old.db');
  const database = new Database(file);
  database.exec(fs.readFileSync(new URL(`../../fixtures/server/${dump}`, import.meta.url), 'utf8'));
  database.close();
  return file;
}

const createSchema1Database = (t: import('ava').ExecutionContext) => createDatabaseFromDump(t, 'schema-1.sql');
// Before live builds and submission ids.
const createSchema2Database = (t: import('ava').ExecutionContext) => createDatabaseFromDump(t, 'schema-2.sql');

// Uploads an older server stored keep their bytes in the row; the columns for files on disk are empty.
const withFileColumns = (rows: unknown[]) => rows.map((row) => ({ ...(row as object), storage_name: null, evicted_at: null }));

function readRows(file: string, sql: string) {
  const database = new Database(file, { readonly: true });
  try {
    return database.prepare(sql).all();
  } finally {
    database.close();
  }
}

test('a schema-1 database is upgraded in place, keeping every result, tagset and file', async (t) => {
  const file = createSchema1Database(t);
  const before = {
    results: readRows(file, 'SELECT id, received_at, client_info, results_list, auth_key FROM results ORDER BY id'),
    tagsets: readRows(file, 'SELECT * FROM tagsets'),
    uploads: readRows(file, 'SELECT * FROM uploads'),
  };
  await openSqliteStore(file).close();
  t.deepEqual(readRows(file, 'SELECT version FROM schema_version'), [{ version: SCHEMA_VERSION }]);
  t.deepEqual(readRows(file, 'SELECT id, received_at, client_info, results_list, auth_key FROM results ORDER BY id'), before.results);
  t.deepEqual(readRows(file, 'SELECT * FROM tagsets'), before.tagsets);
  t.deepEqual(readRows(file, 'SELECT * FROM uploads'), withFileColumns(before.uploads));
});

test('a file an older server kept in the database is still served after the upgrade', async (t) => {
  const file = createSchema1Database(t);
  const [stored] = readRows(file, 'SELECT id, result_id, content FROM uploads') as Array<{ id: number; result_id: number; content: Buffer }>;
  const coordinator = createCoordinator(openSqliteStore(file));
  t.teardown(() => coordinator.close());
  const upload = await coordinator.getUpload(stored!.result_id, stored!.id);
  t.deepEqual(Buffer.concat(await upload!.content!.toArray()), stored!.content);
});

test('upgrading indexes the test cases and revisions that old results already carried', async (t) => {
  const file = createSchema1Database(t);
  const coordinator = createCoordinator(openSqliteStore(file));
  t.teardown(() => coordinator.close());
  t.deepEqual(readRows(file, 'SELECT id, revision FROM results ORDER BY id'), [{ id: 1, revision: 'rev-1' }, { id: 2, revision: 'rev-1' }]);
  t.deepEqual(readRows(file, 'SELECT result_id, step_index, package, suite, name, status, message FROM test_cases ORDER BY id'), [
    { result_id: 2, step_index: 1, package: 'widget', suite: 'math', name: 'adds', status: 'passed', message: null },
    { result_id: 2, step_index: 1, package: 'widget', suite: 'math', name: 'divides', status: 'failed', message: 'expected 2, got 3' },
  ]);
  const history = await coordinator.getTestHistory('widget', { suite: 'math', name: 'divides' });
  t.deepEqual(history.entries.map((entry) => [entry.resultKey, entry.status]), [[2, 'failed']]);
  // The bags come back as they were stored, binary output included.
  const triple = await coordinator.getResult(2);
  t.deepEqual(triple![2][1]!.errout, Buffer.from([0xff]));
});

test('the new key after an upgrade continues the old sequence', async (t) => {
  const file = createSchema1Database(t);
  const coordinator = createCoordinator(openSqliteStore(file));
  t.teardown(() => coordinator.close());
  const added = await coordinator.addResults({ package: 'widget', host: 'builder-1', arch: 'linux-x86_64', tags: ['node20'] },
    [{ name: 'test', test_cases: [{ name: 'divides', suite: 'math', status: 'passed' }] }], { clientIp: '127.0.0.1' });
  t.is(added.resultKey, 3);
  const tests = await coordinator.getResultTests(3);
  t.is(tests?.previousResultKey, 2);
  t.deepEqual(tests?.fixed, [{ suite: 'math', name: 'divides' }]);
});

test('a schema-2 database is upgraded in place: every result finished, every row kept', async (t) => {
  const file = createSchema2Database(t);
  const tables = ['tagsets', 'uploads', 'test_cases', 'build_requests', 'build_reservations'];
  const before = Object.fromEntries(tables.map((table) => [table, readRows(file, `SELECT * FROM ${table}`)]));
  const results = readRows(file, 'SELECT * FROM results ORDER BY id');
  await openSqliteStore(file).close();
  t.deepEqual(readRows(file, 'SELECT version FROM schema_version'), [{ version: SCHEMA_VERSION }]);
  for (const table of tables) {
    t.deepEqual(readRows(file, `SELECT * FROM ${table}`), table === 'uploads' ? withFileColumns(before[table]!) : before[table], table);
  }
  const upgraded = readRows(file, 'SELECT * FROM results ORDER BY id') as Array<Record<string, unknown>>;
  t.deepEqual(upgraded.map(({ state: _state, submission_id: _submission, ...row }) => row), results);
  t.deepEqual(upgraded.map((row) => row.state), ['finished', 'finished', 'finished', 'finished']);
  t.deepEqual(readRows(file, 'SELECT count(*) AS count FROM live_builds'), [{ count: 0 }]);
});

test('upgrading keeps the submission id old results carried, for the first of each, so a resend stores nothing', async (t) => {
  const file = createSchema2Database(t);
  const coordinator = createCoordinator(openSqliteStore(file));
  t.teardown(() => coordinator.close());
  t.deepEqual(readRows(file, 'SELECT id, submission_id FROM results ORDER BY id'), [
    { id: 1, submission_id: null },
    { id: 2, submission_id: null },
    { id: 3, submission_id: '6f1c2b1e-0d1a-4c55-9a43-2f1e5a7b9c01' },
    { id: 4, submission_id: null },
  ]);
  const clientInfo = { package: 'widget', host: 'builder-1', arch: 'linux-x86_64', tags: ['node20'], submission_id: '6f1c2b1e-0d1a-4c55-9a43-2f1e5a7b9c01' };
  const resent = await coordinator.addResults(clientInfo, [], { clientIp: '127.0.0.1' });
  t.deepEqual(resent, { resultKey: 3, authKey: 'a'.repeat(64) });
  // A new result continues the old sequence, and its tagset's latest moves on.
  const added = await coordinator.addResults({ ...clientInfo, submission_id: 'new' }, [], { clientIp: '127.0.0.1' });
  t.is(added.resultKey, 5);
  t.is((await coordinator.getDashboard()).tagsets[0]!.latest.resultKey, 5);
});

// Before client tokens: a finished result with an upload, a live build still running, a reservation.
const createSchema3Database = (t: import('ava').ExecutionContext) => createDatabaseFromDump(t, 'schema-3.sql');

test('a schema-3 database is upgraded in place: results, live builds and reservations kept, no client tokens yet', async (t) => {
  const file = createSchema3Database(t);
  const kept = {
    results: 'SELECT * FROM results ORDER BY id',
    liveBuilds: 'SELECT * FROM live_builds',
    liveOutput: 'SELECT * FROM live_output',
    tagsets: 'SELECT * FROM tagsets',
    reservations: 'SELECT * FROM build_reservations',
    uploads: 'SELECT id, result_id, filename, size FROM uploads',
  };
  const before = Object.fromEntries(Object.entries(kept).map(([name, sql]) => [name, readRows(file, sql)]));
  // The dump's clock: the live build is younger than its tagset's last duration (30 s), so not abandoned.
  const coordinator = createCoordinator(openSqliteStore(file), { now: () => 1_700_000_130 });
  t.teardown(() => coordinator.close());
  t.deepEqual(readRows(file, 'SELECT version FROM schema_version'), [{ version: SCHEMA_VERSION }]);
  for (const [name, sql] of Object.entries(kept)) {
    t.deepEqual(readRows(file, sql), before[name], name);
  }
  t.deepEqual(await coordinator.listClientTokens(), []);
  const [finished] = await coordinator.listPackages();
  t.is(finished?.tagsets[0]?.latest.resultKey, 1);
  t.like(await coordinator.getLiveResult(2), { state: 'running' });
  // The new tables work on the old file.
  const { token } = await coordinator.addClientToken('ci-1', { packages: ['widget'] });
  t.deepEqual((await coordinator.listClientTokens()).map((listed) => listed.name), [token.name]);
});

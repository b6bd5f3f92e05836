// The admin commands as a user runs them: real child processes on a real database file,
// with a server running alongside on the same file.
import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import { createCoordinator, openSqliteStore, startServer } from '../../server/index.ts';
import { projectRoot, runTypeScript, startTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');

// Reports results straight into the database: each entry is [host, tags].
async function fillDatabase(db: string, builds: Array<[string, string[]]>): Promise<number[]> {
  const coordinator = createCoordinator(openSqliteStore(db));
  try {
    const keys: number[] = [];
    for (const [host, tags] of builds) {
      const step = { name: 'test', type: 'test', status: 0, test_cases: [{ name: 'adds', suite: 'math', status: 'passed' }] };
      const added = await coordinator.addResults({ package: 'widget', host, arch: 'linux', success: true, tags }, [step], { clientIp: '127.0.0.1' });
      await coordinator.addUpload({ authKey: added.authKey, filename: 'log.txt', description: 'log', visible: true, content: Buffer.from('log') });
      keys.push(added.resultKey);
    }
    return keys;
  } finally {
    await coordinator.close();
  }
}

function readTables(db: string) {
  const database = new Database(db, { readonly: true });
  try {
    return {
      results: (database.prepare('SELECT id FROM results ORDER BY id').all() as Array<{ id: number }>).map((row) => row.id),
      testCases: (database.prepare('SELECT count(*) AS n FROM test_cases').get() as { n: number }).n,
      uploads: (database.prepare('SELECT count(*) AS n FROM uploads').get() as { n: number }).n,
      tagsets: database.prepare('SELECT tags, latest_result_id, result_count FROM tagsets ORDER BY tags').all(),
    };
  } finally {
    database.close();
  }
}

test('remove-result removes one result; the tagset falls back to the previous one, then disappears', async (t) => {
  const directory = makeTempDir(t);
  const db = path.join(directory, 'ci.db');
  const [first, second] = await fillDatabase(db, [['h1', ['x']], ['h1', ['x']]]);
  // A server on the same file stays up and sees the change.
  const server = await startServer({ port: 0, db });
  t.teardown(() => server.close());

  const removeLatest = await runTypeScript(cli, ['remove-result', String(second), '--db', db]);
  t.is(removeLatest.code, 0, removeLatest.stderr);
  t.regex(removeLatest.stdout, new RegExp(`^removed result ${second} of widget \\[x\\] received \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, `
    + `with 1 test case and 1 upload; the tagset's latest is now result ${first}\\n$`));
  t.deepEqual(readTables(db), {
    results: [first], testCases: 1, uploads: 1,
    tagsets: [{ tags: '["__arch=linux","__host=h1","__package=widget","x"]', latest_result_id: first, result_count: 1 }],
  });
  const latest = await (await fetch(new URL('api/v1/packages/widget/latest?tag=x&tag=__host=h1&tag=__arch=linux', server.url))).json() as
    { receipt: { result_key: string } };
  t.is(latest.receipt.result_key, String(first));

  const removeLast = await runTypeScript(cli, ['remove-result', String(first)], { cwd: directory, env: {} });
  t.is(removeLast.code, 1, 'the default database is ./pony-build.db, which is not there');
  t.is(removeLast.stderr, 'pony-build remove-result: no database at ./pony-build.db; name the server\'s database with --db FILE\n');
  t.false(fs.existsSync(path.join(directory, 'pony-build.db')), 'no empty database was created');

  const removeOnly = await runTypeScript(cli, ['remove-result', String(first), '--db', db]);
  t.is(removeOnly.code, 0, removeOnly.stderr);
  t.regex(removeOnly.stdout, /; the tagset has no results left\n$/);
  t.deepEqual(readTables(db), { results: [], testCases: 0, uploads: 0, tagsets: [] });
});

test('remove-result names an unknown key and a key that is not a number', async (t) => {
  const db = path.join(makeTempDir(t), 'ci.db');
  await fillDatabase(db, [['h1', []]]);
  const unknown = await runTypeScript(cli, ['remove-result', '99', '--db', db]);
  t.is(unknown.code, 1);
  t.is(unknown.stderr, 'pony-build remove-result: no result has the key 99\n');
  const notKey = await runTypeScript(cli, ['remove-result', 'latest', '--db', db]);
  t.is(notKey.code, 2);
  t.regex(notKey.stderr, /expected one result key \(a positive whole number\), got `latest`/);
  t.deepEqual(readTables(db).results, [1]);
});

test('flush-tagset removes every result of one tagset, and refuses when the tags match several', async (t) => {
  const db = path.join(makeTempDir(t), 'ci.db');
  const keys = await fillDatabase(db, [
    ['h1', ['py3', 'debug']], ['h2', ['py3', 'debug']], ['h1', ['py3', 'debug']], ['h1', ['py3']], ['h2', ['py3', 'debug']],
  ]);

  const ambiguous = await runTypeScript(cli, ['flush-tagset', 'widget', 'debug', 'py3', '--db', db]);
  t.is(ambiguous.code, 1);
  t.is(ambiguous.stderr, 'pony-build flush-tagset: 2 tagsets of package "widget" match the tags ["debug","py3"]; add __host= or __arch= to choose one:\n'
    + '  __arch=linux __host=h1 __package=widget debug py3\n'
    + '  __arch=linux __host=h2 __package=widget debug py3\n');
  t.is(readTables(db).results.length, 5, 'nothing was removed');

  const none = await runTypeScript(cli, ['flush-tagset', 'widget', 'release', '--db', db]);
  t.is(none.code, 1);
  t.is(none.stderr, 'pony-build flush-tagset: no tagset of package "widget" has exactly the tags ["release"]\n');

  const flushed = await runTypeScript(cli, ['flush-tagset', 'widget', 'py3', 'debug', '__host=h1', '--db', db]);
  t.is(flushed.code, 0, flushed.stderr);
  t.is(flushed.stdout, `removed 2 results (keys ${keys[0]}, ${keys[2]}) of widget [debug py3] `
    + '(__arch=linux __host=h1 __package=widget debug py3), with 2 test cases and 2 uploads\n');
  const tables = readTables(db);
  t.deepEqual(tables.results, [keys[1], keys[3], keys[4]]);
  t.is(tables.testCases, 3);
  t.is(tables.uploads, 3);
  t.deepEqual(tables.tagsets.map((row: any) => row.tags), [
    '["__arch=linux","__host=h1","__package=widget","py3"]',
    '["__arch=linux","__host=h2","__package=widget","debug","py3"]',
  ]);

  const exact = await runTypeScript(cli, ['flush-tagset', 'widget', 'py3', '--db', db]);
  t.is(exact.code, 0, exact.stderr);
  t.regex(exact.stdout, new RegExp(`^removed 1 result \\(key ${keys[3]}\\) of widget \\[py3\\]`));
});

test('serve refuses a bad configuration file with every problem, and starts with a good one', async (t) => {
  const directory = makeTempDir(t);
  fs.writeFileSync(path.join(directory, 'bad.json'), JSON.stringify({
    expected: [{ package: 'cpython', max_age: '26h' }, { package: 'cpython', max_age: 'soon' }],
    retention: { keep_last: 0 },
  }));
  const refused = await runTypeScript(cli, ['serve', '--port', '0', '--config', 'bad.json'], { cwd: directory });
  t.is(refused.code, 2);
  t.is(refused.stderr, 'pony-build serve: the server configuration bad.json has 2 problems:\n'
    + '  expected[1].max_age: expected a duration such as "26h" or a number of seconds, got `soon` (string)\n'
    + '  retention.keep_last: expected a whole number of results, 1 or more, got `0` (number)\n');
  t.false(fs.existsSync(path.join(directory, 'pony-build.db')), 'the server did not start');

  fs.writeFileSync(path.join(directory, 'good.json'), JSON.stringify({ expected: [{ package: 'cpython', max_age: '26h' }] }));
  const running = startTypeScript(cli, ['serve', '--port', '0', '--db', 'ci.db', '--config', 'good.json'], { cwd: directory });
  t.teardown(() => running.child.kill('SIGKILL'));
  await running.waitForOutput('(database: ci.db)');
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(running.stdoutSoFar())![1]!;
  const body = await (await fetch(new URL('api/v1/expected', url))).json() as { expected: Array<{ package: string; state: string }> };
  t.deepEqual(body.expected.map((entry) => [entry.package, entry.state]), [['cpython', 'missing']]);
  running.child.kill('SIGTERM');
  t.is((await running.finished).code, 0);
});

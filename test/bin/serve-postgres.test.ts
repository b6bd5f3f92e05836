// `pony-build serve --db postgres://...`: the real command on a real PostgreSQL database, as an
// operator starts it; and a database it cannot reach, named without its password.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { projectRoot, runTypeScript, startTypeScript } from '../helpers/child-process.ts';
import { createTestDatabase, postgresTest } from '../helpers/postgres.ts';
import { makeTempDir } from '../helpers/temp.ts';
import { makeClientInfo, makeStep } from '../server/helpers/results.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');

postgresTest('serve --db postgres://... --data-dir DIR stores results and uploads there, and says which database without a password', async (t) => {
  const db = await createTestDatabase(t);
  const withPassword = new URL(db);
  withPassword.password = 'not-needed';
  const dataDir = path.join(makeTempDir(t), 'shared');
  const running = startTypeScript(cli, ['serve', '--port', '0', '--data-dir', dataDir], { env: { PONY_BUILD_DB: withPassword.toString() } });
  t.teardown(() => running.child.kill('SIGKILL'));
  await running.waitForOutput('listening on');
  const line = running.stdoutSoFar();
  t.regex(line, new RegExp(`\\(database: postgres://ponybuild:\\*\\*\\*@127\\.0\\.0\\.1:\\d+/${new URL(db).pathname.slice(1)}\\)`));
  t.notRegex(line, /not-needed/);
  const url = /listening on (http:\/\/\S+\/) /.exec(line)![1]!;

  const stored = await fetch(new URL('api/v1/results', url), {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_info: makeClientInfo(), results_list: [makeStep()] }),
  });
  t.is(stored.status, 201);
  const { auth_key: authKey, result_key: resultKey } = await stored.json() as { auth_key: string; result_key: number };
  const upload = await fetch(new URL(`upload?${new URLSearchParams({ description: 'log', filename: 'build.log', auth_key: authKey, visible: 'yes' })}`, url),
    { method: 'POST', body: 'all of it\n' });
  t.is(upload.status, 200);
  t.is(readdirSync(dataDir).length, 1, 'the uploaded file is kept in --data-dir');
  const page = await (await fetch(new URL(`results/${resultKey}`, url))).text();
  t.regex(page, /build\.log/);
  const dashboard = await (await fetch(new URL('api/v1/dashboard', url))).json() as { tagsets: Array<{ package: string }> };
  t.deepEqual(dashboard.tagsets.map((tagset) => tagset.package), ['widget']);

  running.child.kill('SIGTERM');
  t.is((await running.finished).code, 0);
});

test('serve names a PostgreSQL database it cannot reach, without its password, and exits 1', async (t) => {
  const run = await runTypeScript(cli, ['serve', '--port', '0', '--db', 'postgres://ci:hunter2@127.0.0.1:1/results']);
  t.is(run.code, 1);
  t.is(run.stderr, 'pony-build serve: cannot open the PostgreSQL database postgres://ci:***@127.0.0.1:1/results: connect ECONNREFUSED 127.0.0.1:1\n');
});

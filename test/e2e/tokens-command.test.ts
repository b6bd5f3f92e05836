// `pony-build tokens` as an admin runs it: real child processes on a real database file, with a
// server on the same file taking the token at once.
import path from 'node:path';
import test from 'ava';
import { createCoordinator, openSqliteStore, startServer } from '../../server/index.ts';
import { EMPTY_SERVER_CONFIG } from '../../server/config/types.ts';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');
const tokens = (...args: string[]) => runTypeScript(cli, ['tokens', ...args]);

async function makeDatabase(t: import('ava').ExecutionContext): Promise<string> {
  const db = path.join(makeTempDir(t), 'ci.db');
  await createCoordinator(openSqliteStore(db)).close();
  return db;
}

test('tokens add prints the secret once with how to use it; list shows names and scopes, never the secret', async (t) => {
  const db = await makeDatabase(t);
  const added = await tokens('add', 'ci-linux', '--package', 'widget', '--host', 'builder-1', '--host', 'builder-2', '--db', db);
  t.is(added.code, 0, added.stderr);
  const secret = /^token: ([0-9a-f]{64})$/m.exec(added.stdout)?.[1];
  t.truthy(secret, added.stdout);
  t.is(added.stdout, `added client token ci-linux (packages: widget; hosts: builder-1,builder-2)\n`
    + `token: ${secret}\n`
    + 'It is shown this once; the database keeps only its hash. Clients send it in the server URL,\n'
    + `  --report http://ci-linux:${secret}@HOST:PORT/\n`
    + `or as --token ci-linux:${secret} (or in PONY_BUILD_TOKEN).\n`);
  t.is((await tokens('add', 'any', '--db', db)).code, 0);

  const listed = await tokens('list', '--db', db);
  t.is(listed.code, 0, listed.stderr);
  t.false(listed.stdout.includes(secret!));
  // Columns are padded to their widest cell; times are blanked.
  const rows = listed.stdout.trimEnd().split('\n').map((line) => line.split(/ {2,}/).map((cell) => cell.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'TIME')));
  t.deepEqual(rows, [
    ['NAME', 'PACKAGES', 'HOSTS', 'CREATED', 'LAST USED', 'REVOKED'],
    ['ci-linux', 'widget', 'builder-1,builder-2', 'TIME', 'never', '-'],
    ['any', 'any', 'any', 'TIME', 'never', '-'],
  ]);
});

test('a token added while the server runs is accepted at once, shows when it was last used, and is refused once revoked', async (t) => {
  const db = await makeDatabase(t);
  const server = await startServer({ port: 0, db, config: { ...EMPTY_SERVER_CONFIG, auth: { mode: 'tokens', anonymousBytesPerDay: 1 } } });
  t.teardown(() => server.close());
  const added = await tokens('add', 'ci-1', '--db', db);
  const secret = /^token: ([0-9a-f]{64})$/m.exec(added.stdout)![1]!;
  const post = () => fetch(new URL('api/v1/results', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
    body: JSON.stringify({ client_info: { package: 'widget' }, results_list: [] }),
  });
  t.is((await post()).status, 201);
  const listed = await tokens('list', '--db', db);
  t.regex(listed.stdout, /^ci-1 +any +any +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +-$/m);

  const revoked = await tokens('revoke', 'ci-1', '--db', db);
  t.deepEqual([revoked.code, revoked.stdout], [0, 'revoked client token ci-1; the server refuses it from now on\n']);
  const refused = await post();
  t.is(refused.status, 401);
  t.regex(((await refused.json()) as { error: string }).error, /^the client token "ci-1" was revoked at /);
  const again = await tokens('revoke', 'ci-1', '--db', db);
  t.is(again.code, 0);
  t.regex(again.stdout, /^client token ci-1 was already revoked at \S+; nothing changed\n$/);
});

test('clear errors: a duplicate name, an unknown name, a bad name, a missing --db, a database that is not there', async (t) => {
  const db = await makeDatabase(t);
  await tokens('add', 'ci-1', '--db', db);
  const duplicate = await tokens('add', 'ci-1', '--db', db);
  t.deepEqual([duplicate.code, duplicate.stdout, duplicate.stderr], [1, '',
    'pony-build tokens add: a client token named "ci-1" exists already (names are never reused, even once revoked); choose another name\n']);
  const unknown = await tokens('revoke', 'nobody', '--db', db);
  t.deepEqual([unknown.code, unknown.stderr], [1, 'pony-build tokens revoke: no client token is named "nobody"; `pony-build tokens list` shows them\n']);
  const badName = await tokens('add', 'ci 2', '--db', db);
  t.deepEqual([badName.code, badName.stderr], [1,
    'pony-build tokens add: a client token name must be 1 to 64 letters, digits, `.`, `_` or `-`, got `ci 2` (string)\n']);
  const noDb = await tokens('list');
  t.deepEqual([noDb.code, noDb.stderr], [2,
    "pony-build tokens: --db FILE is required: the server's database, as given to `pony-build serve --db`\n"
    + 'Run `pony-build tokens --help` for the options.\n']);
  const missing = path.join(path.dirname(db), 'absent.db');
  const absent = await tokens('list', '--db', missing);
  t.deepEqual([absent.code, absent.stderr], [1, `pony-build tokens list: no database at ${missing}; name the server's database with --db FILE\n`]);
  const noAction = await tokens('--db', db);
  t.is(noAction.code, 2);
  t.regex(noAction.stderr, /^pony-build tokens: expected an action, add, list or revoke, got none\n/);
  const help = await runTypeScript(cli, ['help', 'tokens']);
  t.is(help.code, 0);
  t.regex(help.stdout, /^Usage: pony-build tokens add NAME \[--package P\]\.\.\. \[--host H\]\.\.\. --db FILE$/m);
});

// `pony-build admins` as an operator runs it: real child processes on a real database file,
// the password on stdin.
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import Database from 'better-sqlite3';
import { createCoordinator, openSqliteStore } from '../../server/index.ts';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');
const admins = (args: string[], input?: string) => runTypeScript(cli, ['admins', ...args], { input });
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

async function makeDatabase(t: ExecutionContext): Promise<string> {
  const db = path.join(makeTempDir(t), 'ci.db');
  await createCoordinator(openSqliteStore(db)).close();
  return db;
}

function readPasswordHashes(db: string): string[] {
  const database = new Database(db, { readonly: true });
  try {
    return (database.prepare('SELECT password_hash FROM admins ORDER BY id').all() as Array<{ password_hash: string }>).map((row) => row.password_hash);
  } finally {
    database.close();
  }
}

function listRows(stdout: string): string[][] {
  return stdout.trimEnd().split('\n').map((line) => line.split(/ {2,}/).map((cell) => cell.replace(TIME, 'TIME')));
}

test('admins add reads the password from stdin and stores only a scrypt hash; list shows names, never a password', async (t) => {
  const db = await makeDatabase(t);
  t.deepEqual(listRows((await admins(['list', '--db', db])).stdout), [[`no admins in ${db}; add one with \`pony-build admins add NAME --db ${db}\``]]);

  const added = await admins(['add', 'alice', '--db', db], 'correct horse battery\n');
  t.deepEqual([added.code, added.stdout, added.stderr], [0, 'added admin alice; it signs in at /login\n', '']);
  const [hash] = readPasswordHashes(db);
  t.regex(hash!, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  t.false(hash!.includes('correct horse'));

  const coordinator = createCoordinator(openSqliteStore(db));
  t.teardown(() => coordinator.close());
  // One trailing newline was removed, and only one.
  t.is((await coordinator.signInAdmin('alice', 'correct horse battery')).adminName, 'alice');
  await t.throwsAsync(coordinator.signInAdmin('alice', 'correct horse battery\n'), { message: 'wrong name or password' });

  t.is((await admins(['add', 'bob', '--db', db], 'another password')).code, 0);
  const listed = await admins(['list', '--db', db]);
  t.is(listed.code, 0, listed.stderr);
  t.false(listed.stdout.includes('password'));
  t.deepEqual(listRows(listed.stdout), [['NAME', 'CREATED', 'LAST LOGIN'], ['alice', 'TIME', 'TIME'], ['bob', 'TIME', 'never']]);
});

test('adding an existing admin replaces its password and ends its sessions; remove ends them too', async (t) => {
  const db = await makeDatabase(t);
  t.is((await admins(['add', 'alice', '--db', db], 'first password\n')).code, 0);
  const coordinator = createCoordinator(openSqliteStore(db));
  t.teardown(() => coordinator.close());
  const session = await coordinator.signInAdmin('alice', 'first password');
  t.is((await coordinator.findAdminSession(session.sessionId))?.adminName, 'alice');

  const replaced = await admins(['add', 'alice', '--db', db], 'second password\n');
  t.deepEqual([replaced.code, replaced.stdout], [0, 'replaced the password of admin alice; its sessions were ended\n']);
  t.is(await coordinator.findAdminSession(session.sessionId), undefined);
  await t.throwsAsync(coordinator.signInAdmin('alice', 'first password'), { message: 'wrong name or password' });
  const second = await coordinator.signInAdmin('alice', 'second password');

  const removed = await admins(['remove', 'alice', '--db', db]);
  t.deepEqual([removed.code, removed.stdout], [0, 'removed admin alice; its sessions were ended\n']);
  t.is(await coordinator.findAdminSession(second.sessionId), undefined);
  const again = await admins(['remove', 'alice', '--db', db]);
  t.deepEqual([again.code, again.stderr], [1, 'pony-build admins remove: no admin is named "alice"; `pony-build admins list` shows them\n']);
});

test('admins add refuses an empty or short password and a bad name, and changes nothing', async (t) => {
  const db = await makeDatabase(t);
  const empty = await admins(['add', 'alice', '--db', db], '\n');
  t.deepEqual([empty.code, empty.stderr], [1, "pony-build admins add: the password is empty; an admin's needs at least 8 characters\n"]);
  const short = await admins(['add', 'alice', '--db', db], 'seven77');
  t.deepEqual([short.code, short.stderr], [1, "pony-build admins add: the password has 7 characters; an admin's needs at least 8\n"]);
  const badName = await admins(['add', 'al ice', '--db', db], 'long enough');
  t.is(badName.code, 1);
  t.is(badName.stderr, 'pony-build admins add: an admin name must be 1 to 64 letters, digits, `.`, `_`, `@` or `-`, got `al ice` (string)\n');
  t.deepEqual(readPasswordHashes(db), []);
});

test('admins explains its usage, and names every problem of a wrong call', async (t) => {
  const help = await admins(['--help']);
  t.is(help.code, 0);
  t.regex(help.stdout, /^Usage: pony-build admins add NAME --db FILE < password-file$/m);
  const wrong = await admins(['rename', 'a', 'b']);
  t.is(wrong.code, 2);
  t.is(wrong.stderr, 'pony-build admins: expected an action, add, list or remove, got `rename`; '
    + "--db FILE is required: the server's database, as given to `pony-build serve --db`\n"
    + 'Run `pony-build admins --help` for the options.\n');
});

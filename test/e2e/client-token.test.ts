// A client token on the client side, end to end: recipes and the send command run as child
// processes against a real server with --auth tokens. The token goes out as HTTP Basic auth on
// every request (uploads too) and never shows: not in the terminal, the stored result, the
// result files or the spool.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { createCoordinator, openSqliteStore, startServer } from '../../server/index.ts';
import { EMPTY_SERVER_CONFIG } from '../../server/config/types.ts';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';
import { findClosedPort } from '../wire/xmlrpc/helpers/servers.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');
const passingRecipe = path.join(projectRoot, 'test/fixtures/recipes/passing.ts');
const artifactsRecipe = path.join(projectRoot, 'test/fixtures/recipes/artifacts.ts');

async function startTokenServer(t: ExecutionContext) {
  const directory = makeTempDir(t);
  const db = path.join(directory, 'results.db');
  const coordinator = createCoordinator(openSqliteStore(db));
  const { secret } = await coordinator.addClientToken('ci-1');
  await coordinator.close();
  const server = await startServer({ port: 0, db, config: { ...EMPTY_SERVER_CONFIG, auth: { ...EMPTY_SERVER_CONFIG.auth, mode: 'tokens' } } });
  t.teardown(() => server.close());
  const withToken = new URL(server.url);
  withToken.username = 'ci-1';
  withToken.password = secret;
  return { server, secret, directory, withToken: withToken.href, masked: `http://ci-1:***@${withToken.host}/` };
}

// Every file under the directory, read as text.
function readEveryFile(directory: string): string {
  if (!existsSync(directory)) {
    return '';
  }
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

test('a recipe run with --report http://NAME:TOKEN@... reports live, uploads its artifacts, and never shows or stores the token', async (t) => {
  const { server, secret, directory, withToken, masked } = await startTokenServer(t);
  const spool = path.join(directory, 'spool');
  const run = await runTypeScript(artifactsRecipe, ['--report', withToken, '--debug'], { cwd: directory, env: { PONY_BUILD_SPOOL: spool } });
  t.is(run.code, 0, run.stdout + run.stderr);
  const shown = run.stdout + run.stderr;
  t.false(shown.includes(secret));
  // --debug names the server it calls, with the token masked.
  t.true(shown.includes(`${masked}xmlrpc`), shown);
  const stored = await (await fetch(new URL('api/v1/results/1', server.url))).text();
  t.regex(stored, /"state":"finished"/);
  t.false(stored.includes(secret));
  const page = await (await fetch(new URL('results/1', server.url))).text();
  t.regex(page, /pkg-1\.0\.0\.tgz/);
  t.false(readEveryFile(directory).includes(secret), 'no file the run left holds the token');
});

test('--token and PONY_BUILD_TOKEN give the token when the URL holds none; the URL\'s own credentials win', async (t) => {
  const { server, secret, directory } = await startTokenServer(t);
  const flag = await runTypeScript(passingRecipe, ['--report', server.url, '--token', `ci-1:${secret}`], { cwd: directory });
  t.is(flag.code, 0, flag.stdout + flag.stderr);
  const variable = await runTypeScript(passingRecipe, ['--report', server.url, '--force-build'], { cwd: directory, env: { PONY_BUILD_TOKEN: `ci-1:${secret}` } });
  t.is(variable.code, 0, variable.stdout + variable.stderr);
  const badUrl = new URL(server.url);
  badUrl.username = 'ci-1';
  badUrl.password = 'wrong';
  const urlWins = await runTypeScript(passingRecipe, ['--report', badUrl.href, '--force-build', '--token', `ci-1:${secret}`], { cwd: directory });
  t.is(urlWins.code, 3);
  t.regex(urlWins.stderr, /the client token given for "ci-1" is not valid/);
  t.true(urlWins.stderr.includes(`--report http://ci-1:***@${badUrl.host}/`), urlWins.stderr);
  t.false((flag.stdout + flag.stderr + variable.stdout + variable.stderr + urlWins.stdout + urlWins.stderr).includes(secret));
  const bad = await runTypeScript(passingRecipe, ['--report', server.url, '--token', secret], { cwd: directory });
  t.is(bad.code, 2);
  t.is(bad.stderr.split('\n')[0], 'pony-build: expected --token to be NAME:TOKEN, as `pony-build tokens add` printed it, got a value without a colon (64 characters)');
  t.false(bad.stderr.includes(secret));
});

test('without a token the result is refused and kept; a spooled result holds no token, and send --spool takes PONY_BUILD_TOKEN', async (t) => {
  const { server, secret, directory } = await startTokenServer(t);
  const refused = await runTypeScript(passingRecipe, ['--report', server.url], { cwd: directory });
  t.is(refused.code, 3);
  t.regex(refused.stderr, /this server takes writes only from clients with a client token/);
  const kept = /send it later with:\n {2}npx pony-build send (\S+) --report/.exec(refused.stderr);
  t.truthy(kept, refused.stderr);
  const sent = await runTypeScript(cli, ['send', kept![1]!, '--report', server.url, '--token', `ci-1:${secret}`], { cwd: directory });
  t.is(sent.code, 0, sent.stderr);

  const spool = path.join(directory, 'spool');
  const closed = `http://ci-1:${secret}@127.0.0.1:${await findClosedPort()}/`;
  const down = await runTypeScript(passingRecipe, ['--report', closed, '--force-build'], { cwd: directory, env: { PONY_BUILD_SPOOL: spool } });
  t.is(down.code, 3);
  t.false((down.stdout + down.stderr).includes(secret));
  t.regex(down.stderr, /npx pony-build send --spool --report http:\/\/ci-1:\*\*\*@127\.0\.0\.1:\d+\//);
  t.false(readEveryFile(spool).includes(secret));
  t.regex(readEveryFile(spool), /"server": "http:\/\/127\.0\.0\.1:\d+\/"/);
  t.false(readEveryFile(path.join(directory, 'pony-results')).includes(secret));

  // The server is back at the address the entry names; send --spool without --report takes the token from the environment.
  const [entryFile] = readdirSync(spool).filter((name) => name.endsWith('.json'));
  const entry = JSON.parse(readFileSync(path.join(spool, entryFile!), 'utf8'));
  writeFileSync(path.join(spool, entryFile!), JSON.stringify({ ...entry, server: server.url }));
  const anonymous = await runTypeScript(cli, ['send', '--spool'], { cwd: directory, env: { PONY_BUILD_SPOOL: spool } });
  t.is(anonymous.code, 1);
  t.regex(anonymous.stderr, /this server takes writes only from clients with a client token/);
  t.regex(readEveryFile(path.join(spool, 'rejected')), /"package":"fixture-passing"/);
  renameSync(path.join(spool, 'rejected', entryFile!), path.join(spool, entryFile!));
  const resent = await runTypeScript(cli, ['send', '--spool'], { cwd: directory, env: { PONY_BUILD_SPOOL: spool, PONY_BUILD_TOKEN: `ci-1:${secret}` } });
  t.is(resent.code, 0, resent.stderr);
  t.regex(resent.stdout, /^Spooled result reported: /);
});

// `pony-build serve` as a user runs it: it prints its URL, serves, and stops
// cleanly on SIGINT and SIGTERM with the results kept in its database file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { callXmlRpc } from '../../runner/transport/index.ts';
import { projectRoot, runTypeScript, startTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');

test('serve prints its URL, keeps results across a restart, and stops on SIGINT and SIGTERM', async (t) => {
  const directory = makeTempDir(t);
  for (const stopSignal of ['SIGINT', 'SIGTERM'] as const) {
    const running = startTypeScript(cli, ['serve', '--port', '0', '--db', 'ci.db'], { cwd: directory });
    t.teardown(() => running.child.kill('SIGKILL'));
    await running.waitForOutput('(database: ci.db)');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(running.stdoutSoFar())![1];
    const xmlrpc = `${url}xmlrpc`;
    if (stopSignal === 'SIGINT') {
      await callXmlRpc(xmlrpc, 'add_results', [{ package: 'kept', host: 'h', arch: 'a', success: true, tags: null }, []]);
    } else {
      const tagsets = await callXmlRpc(xmlrpc, 'get_tagsets_for_package', ['kept']);
      t.is((tagsets as unknown[]).length, 1, 'the result from before the restart is still there');
    }
    running.child.kill(stopSignal);
    const finished = await running.finished;
    t.is(finished.code, 0, finished.stderr);
    t.regex(finished.stdout, /stopping/);
  }
});

test('serve refuses a bad port with a clear message', async (t) => {
  const run = await runTypeScript(cli, ['serve', '--port', 'eighty'], { cwd: makeTempDir(t) });
  t.is(run.code, 2);
  t.regex(run.stderr, /expected --port to be a whole number from 0 to 65535, got `eighty`/);
});

// The URL `serve` prints once it listens.
async function waitForServeUrl(running: ReturnType<typeof startTypeScript>): Promise<string> {
  await running.waitForOutput('(database: ');
  return /listening on (http:\/\/\S+\/) /.exec(running.stdoutSoFar())![1]!;
}

async function postResult(url: string, headers: Record<string, string> = {}, padding = '') {
  return fetch(new URL('api/v1/results', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ client_info: { package: 'widget', host: 'h', arch: 'a', padding }, results_list: [] }),
  });
}

async function readClientIp(url: string, answer: Response): Promise<string> {
  const { result_key: resultKey } = (await answer.json()) as { result_key: number };
  const stored = (await (await fetch(new URL(`api/v1/results/${resultKey}`, url))).json()) as { receipt: { client_ip: string } };
  return stored.receipt.client_ip;
}

test('serve takes every option from its PONY_BUILD_ variable, and logs each request on stderr', async (t) => {
  const directory = makeTempDir(t);
  writeFileSync(path.join(directory, 'server.json'), JSON.stringify({ expected: [{ package: 'from-config', max_age: '1h' }] }));
  const running = startTypeScript(cli, ['serve'], {
    cwd: directory,
    env: {
      PONY_BUILD_HOST: '127.0.0.2',
      PONY_BUILD_PORT: '0',
      PONY_BUILD_DB: 'env.db',
      PONY_BUILD_MAX_BODY: '2K',
      PONY_BUILD_CONFIG: 'server.json',
      PONY_BUILD_TRUST_PROXY: 'yes',
    },
  });
  t.teardown(() => running.child.kill('SIGKILL'));
  const url = await waitForServeUrl(running);
  t.regex(url, /^http:\/\/127\.0\.0\.2:\d+\/$/);
  t.regex(running.stdoutSoFar(), /\(database: env\.db\)/);
  t.is(await readClientIp(url, await postResult(url, { 'X-Forwarded-For': '203.0.113.9' })), '203.0.113.9');
  t.is((await postResult(url, {}, 'x'.repeat(4096))).status, 413);
  const expected = (await (await fetch(new URL('api/v1/expected', url))).json()) as { expected: Array<{ package: string }> };
  t.deepEqual(expected.expected.map((builder) => builder.package), ['from-config']);
  t.is((await fetch(new URL('healthz', url))).status, 200);

  running.child.kill('SIGTERM');
  const finished = await running.finished;
  t.is(finished.code, 0, finished.stderr);
  t.true(existsSync(path.join(directory, 'env.db')));
  t.regex(finished.stderr, /^\S+Z GET \/healthz 200 \d+ms 127\.0\.0\.1$/m);
  t.regex(finished.stderr, /^\S+Z POST \/api\/v1\/results 201 \d+ms 203\.0\.113\.9$/m);
});

test('a flag on the command line wins over its variable, a bad variable it replaces included', async (t) => {
  const directory = makeTempDir(t);
  const running = startTypeScript(cli, ['serve', '--port', '0', '--db', 'flag.db', '--trust-proxy'], {
    cwd: directory,
    env: { PONY_BUILD_PORT: 'eighty', PONY_BUILD_DB: 'env.db', PONY_BUILD_TRUST_PROXY: 'no' },
  });
  t.teardown(() => running.child.kill('SIGKILL'));
  const url = await waitForServeUrl(running);
  t.regex(running.stdoutSoFar(), /\(database: flag\.db\)/);
  t.is(await readClientIp(url, await postResult(url, { 'X-Forwarded-For': '203.0.113.9' })), '203.0.113.9');
  running.child.kill('SIGINT');
  t.is((await running.finished).code, 0);
  t.false(existsSync(path.join(directory, 'env.db')));
});

test('without --trust-proxy or its variable a forged X-Forwarded-For changes no client_ip', async (t) => {
  const running = startTypeScript(cli, ['serve', '--port', '0', '--db', 'ci.db'], { cwd: makeTempDir(t), env: { PONY_BUILD_TRUST_PROXY: '0' } });
  t.teardown(() => running.child.kill('SIGKILL'));
  const url = await waitForServeUrl(running);
  t.is(await readClientIp(url, await postResult(url, { 'X-Forwarded-For': '203.0.113.9' })), '127.0.0.1');
  running.child.kill('SIGINT');
  t.is((await running.finished).code, 0);
});

test('bad variables are named, all at once, and serve does not start', async (t) => {
  const directory = makeTempDir(t);
  const bad = await runTypeScript(cli, ['serve'], {
    cwd: directory,
    env: { PONY_BUILD_PORT: 'eighty', PONY_BUILD_MAX_BODY: 'lots', PONY_BUILD_TRUST_PROXY: 'maybe' },
  });
  t.is(bad.code, 2);
  t.is(bad.stderr, 'pony-build serve: expected PONY_BUILD_PORT to be a whole number from 0 to 65535, got `eighty`; '
    + 'expected PONY_BUILD_MAX_BODY to be a size such as 32M or 1048576, got `lots`; '
    + 'expected PONY_BUILD_TRUST_PROXY to be 1, true or yes (on) or 0, false or no (off), got `maybe`\n'
    + 'Run `pony-build serve --help` for the options.\n');
  const missingConfig = await runTypeScript(cli, ['serve', '--port', '0'], { cwd: directory, env: { PONY_BUILD_CONFIG: 'missing.json' } });
  t.is(missingConfig.code, 2);
  t.regex(missingConfig.stderr, /^pony-build serve: PONY_BUILD_CONFIG: the server configuration missing\.json has 1 problem:\n {2}cannot be read: ENOENT/);
});

test('serve --help lists the flags and their variables', async (t) => {
  const run = await runTypeScript(cli, ['serve', '--help']);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /\n {2}--trust-proxy {6}behind a reverse proxy/);
  t.regex(run.stdout, /\n {2}--auth MODE {8}who may write results: open \(anyone; the default\), tokens/);
  for (const [variable, flag] of [['HOST', 'host'], ['PORT', 'port'], ['DB', 'db'], ['MAX_BODY', 'max-body'], ['CONFIG', 'config'], ['TRUST_PROXY', 'trust-proxy'], ['AUTH', 'auth']]) {
    t.regex(run.stdout, new RegExp(`\\n {2}PONY_BUILD_${variable} +--${flag}\\b`));
  }
});

test('an unknown command is named', async (t) => {
  const run = await runTypeScript(cli, ['frobnicate']);
  t.is(run.code, 2);
  t.regex(run.stderr, /unknown command `frobnicate`; known: init, serve, send, report-tests, demo, remove-result, flush-tagset, notify-failures, tokens, admins, migrate\n/);
});

test('the pony-build bin runs the compiled package with plain node: --help, --version and help <command>', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const bin = (...args: string[]) => spawnSync(process.execPath, [path.join(projectRoot, 'bin/pony-build.js'), ...args], { cwd: makeTempDir(t), encoding: 'utf8' });
  const help = bin('--help');
  t.is(help.status, 0, help.stderr);
  t.regex(help.stdout, /Usage: pony-build <command>/);
  t.regex(help.stdout, /\n {2}serve {12}run the pony-build server/);
  t.regex(help.stdout, /\n {2}notify-failures {2}mail one summary/);
  t.regex(help.stdout, /\n {2}init {13}write a starter recipe/);
  const version = bin('--version');
  t.is(version.status, 0, version.stderr);
  t.is(version.stdout, `${JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version}\n`);
  const serveHelp = bin('help', 'serve');
  t.is(serveHelp.status, 0, serveHelp.stderr);
  t.regex(serveHelp.stdout, /^Usage: pony-build serve /);
  const unknownHelp = bin('help', 'frobnicate');
  t.is(unknownHelp.status, 2);
  t.regex(unknownHelp.stderr, /unknown command `frobnicate`/);
});

test('demo (what npm start runs) serves, reports the example recipe to itself, and stops on Ctrl-C', async (t) => {
  const directory = makeTempDir(t);
  const running = startTypeScript(cli, ['demo', '--port', '0', '--db', 'demo.db'], { cwd: directory });
  t.teardown(() => running.child.kill('SIGKILL'));
  await running.waitForOutput('Press Ctrl-C to stop the server.');
  const shown = running.stdoutSoFar();
  t.regex(shown, /Result reported: http:\/\/127\.0\.0\.1:\d+\/results\/1/);
  t.regex(shown, /The example recipe exited with status 0\./);
  const url = /Open (http:\/\/127\.0\.0\.1:\d+\/) to see its result/.exec(shown)![1];
  t.regex(await (await fetch(url)).text(), /example/);
  running.child.kill('SIGINT');
  const finished = await running.finished;
  t.is(finished.code, 0, finished.stderr);
});

test('serve --auth tokens refuses writes without a token and takes them with one added by `pony-build tokens add`', async (t) => {
  const directory = makeTempDir(t);
  const running = startTypeScript(cli, ['serve', '--port', '0', '--db', 'ci.db', '--auth', 'tokens'], { cwd: directory });
  t.teardown(() => running.child.kill('SIGTERM'));
  const url = await waitForServeUrl(running);
  const refused = await postResult(url);
  t.is(refused.status, 401);
  t.regex(((await refused.json()) as { error: string }).error, /^this server takes writes only from clients with a client token; /);
  const added = await runTypeScript(cli, ['tokens', 'add', 'ci-1', '--db', 'ci.db'], { cwd: directory });
  const secret = /^token: ([0-9a-f]{64})$/m.exec(added.stdout)![1]!;
  t.is((await postResult(url, { Authorization: `Bearer ${secret}` })).status, 201);
  running.child.kill('SIGTERM');
  t.is((await running.finished).code, 0);
});

test('serve refuses an unknown --auth mode, or one from PONY_BUILD_AUTH, by name', async (t) => {
  const directory = makeTempDir(t);
  const flag = await runTypeScript(cli, ['serve', '--auth', 'closed'], { cwd: directory });
  t.deepEqual([flag.code, flag.stderr], [2, 'pony-build serve: expected --auth to be one of open, tokens, capped, got `closed`\n'
    + 'Run `pony-build serve --help` for the options.\n']);
  const variable = await runTypeScript(cli, ['serve'], { cwd: directory, env: { PONY_BUILD_AUTH: 'closed' } });
  t.is(variable.code, 2);
  t.regex(variable.stderr, /^pony-build serve: expected PONY_BUILD_AUTH to be one of open, tokens, capped, got `closed`\n/);
});

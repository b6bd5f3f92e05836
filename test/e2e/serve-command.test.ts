// `pony-build serve` as a user runs it: it prints its URL, serves, and stops
// cleanly on SIGINT and SIGTERM with the results kept in its database file.
import { readFileSync } from 'node:fs';
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

test('an unknown command is named', async (t) => {
  const run = await runTypeScript(cli, ['frobnicate']);
  t.is(run.code, 2);
  t.regex(run.stderr, /unknown command `frobnicate`; known: init, serve, send, report-tests, demo, remove-result, flush-tagset\n/);
});

test('the pony-build bin runs the compiled package with plain node: --help, --version and help <command>', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const bin = (...args: string[]) => spawnSync(process.execPath, [path.join(projectRoot, 'bin/pony-build.js'), ...args], { cwd: makeTempDir(t), encoding: 'utf8' });
  const help = bin('--help');
  t.is(help.status, 0, help.stderr);
  t.regex(help.stdout, /Usage: pony-build <command>/);
  t.regex(help.stdout, /\n {2}serve {9}run the pony-build server/);
  t.regex(help.stdout, /\n {2}init {10}write a starter recipe/);
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

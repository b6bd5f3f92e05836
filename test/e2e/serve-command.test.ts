// `pony-build serve` as a user runs it: it prints its URL, serves, and stops
// cleanly on SIGINT and SIGTERM with the results kept in its database file.
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
  t.regex(run.stderr, /unknown command `frobnicate`; known: serve, send, report-tests, demo/);
});

test('the pony-build bin runs with plain node, with no build step', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(process.execPath, [path.join(projectRoot, 'bin/pony-build.js'), '--help'], { cwd: makeTempDir(t), encoding: 'utf8' });
  t.is(run.status, 0, run.stderr);
  t.regex(run.stdout, /Usage: pony-build <command>/);
  t.regex(run.stdout, /serve {5}run the pony-build server/);
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

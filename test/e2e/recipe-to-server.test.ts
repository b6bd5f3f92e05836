// The walking skeleton end to end: a real server, the real example recipe run as
// a child process with --report, and the result found again over XML-RPC and on
// the web pages.
import path from 'node:path';
import test from 'ava';
import { startServer } from '../../server/index.ts';
import { callXmlRpc } from '../../runner/transport/index.ts';
import { projectRoot, runTypeScript, startTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';
import { findClosedPort } from '../wire/xmlrpc/helpers/servers.ts';

const exampleRecipe = path.join(projectRoot, 'recipes/example.ts');

async function startTestServer(t: Parameters<typeof makeTempDir>[0]) {
  const directory = makeTempDir(t);
  const server = await startServer({ port: 0, db: path.join(directory, 'results.db') });
  t.teardown(() => server.close());
  return { server, directory, xmlrpc: new URL('xmlrpc', server.url).href };
}

test('the example recipe reports to the server, which shows it over XML-RPC and on its pages', async (t) => {
  const { server, directory, xmlrpc } = await startTestServer(t);
  const run = await runTypeScript(exampleRecipe, ['--report', server.url, '-t', 'e2e'], { cwd: directory });
  t.is(run.code, 0, run.stdout + run.stderr);
  const reported = /Result reported: (http:\/\/\S+\/results\/(\d+))/.exec(run.stdout);
  t.truthy(reported, run.stdout);

  const tagsets = (await callXmlRpc(xmlrpc, 'get_tagsets_for_package', ['example'])) as string[][];
  t.is(tagsets.length, 1);
  t.true(tagsets[0].includes('e2e'));
  t.true(tagsets[0].includes('__package=example'));
  const [receipt, clientInfo, results] = (await callXmlRpc(xmlrpc, 'get_last_result_for_tagset', ['example', [...tagsets[0]].reverse()])) as [
    Record<string, unknown>,
    Record<string, unknown>,
    Array<Record<string, unknown>>,
  ];
  t.is(receipt.result_key, reported![2]);
  t.like(clientInfo, { package: 'example', success: true, tags: ['e2e'] });
  t.deepEqual(results.map((step) => [step.name, step.type, step.status]), [
    ['build hello', 'build', 0],
    ['test hello', 'test', 0],
    ['node runs', 'test', 0],
  ]);
  t.is(results[1].output, 'got: hello, world\n');

  const front = await (await fetch(server.url)).text();
  t.regex(front, /example/);
  t.true(front.includes(`/results/${reported![2]}`));
  const page = await fetch(reported![1]);
  t.is(page.status, 200);
  const html = await page.text();
  t.true(html.includes('test hello'));
  t.true(html.includes('got: hello, world'));
});

test('with a server that says the build is up to date, the recipe skips it unless forced', async (t) => {
  const { server, directory } = await startTestServer(t);
  const first = await runTypeScript(exampleRecipe, ['--report', server.url], { cwd: directory });
  t.is(first.code, 0, first.stderr);
  const second = await runTypeScript(exampleRecipe, ['--report', server.url], { cwd: directory });
  t.is(second.code, 0);
  t.regex(second.stdout, /not building example: the server says "build up to date" \(use --force-build/);
  t.notRegex(second.stdout, /▶/);
  const forced = await runTypeScript(exampleRecipe, ['--report', server.url, '--force-build'], { cwd: directory });
  t.is(forced.code, 0);
  t.regex(forced.stdout, /Result reported: .*\/results\/2/);
});

test('when the server cannot be reached the result is kept and can be sent later', async (t) => {
  const directory = makeTempDir(t);
  const spool = path.join(directory, 'spool');
  const port = await findClosedPort();
  const unreachable = `http://127.0.0.1:${port}/`;
  const run = await runTypeScript(exampleRecipe, ['--report', unreachable], { cwd: directory, env: { PONY_BUILD_SPOOL: spool } });
  t.is(run.code, 3, run.stdout + run.stderr);
  t.regex(run.stderr, /could not ask the server whether to build .*; building anyway/);
  const kept = /The result is spooled in (\S+);/.exec(run.stderr);
  t.truthy(kept, run.stderr);
  t.is(path.dirname(kept![1]), spool);

  const server = await startServer({ port, db: path.join(directory, 'results.db') });
  t.teardown(() => server.close());
  const send = await runTypeScript(path.join(projectRoot, 'bin/cli.ts'), ['send', '--spool', '--report', server.url], { cwd: directory, env: { PONY_BUILD_SPOOL: spool } });
  t.is(send.code, 0, send.stderr);
  t.regex(send.stdout, /reported: http:\/\/127\.0\.0\.1:\d+\/results\/1/);
  const [, clientInfo] = (await callXmlRpc(new URL('xmlrpc', server.url).href, 'get_results', [1])) as [unknown, Record<string, unknown>];
  t.is(clientInfo.package, 'example');
});

test('a build interrupted with Ctrl-C is still reported, with the interrupted step marked', async (t) => {
  const { server, directory, xmlrpc } = await startTestServer(t);
  const pidFile = path.join(directory, 'pid');
  const running = startTypeScript(path.join(projectRoot, 'test/fixtures/recipes/slow.ts'), ['--report', server.url], {
    cwd: directory,
    env: { PID_FILE: pidFile },
  });
  await running.waitForOutput('sleeping now');
  running.child.kill('SIGINT');
  const run = await running.finished;
  t.is(run.code, 130, run.stderr);
  t.regex(run.stdout, /Result reported: .*\/results\/1/);
  const [, clientInfo, results] = (await callXmlRpc(xmlrpc, 'get_results', [1])) as [unknown, Record<string, unknown>, Array<Record<string, unknown>>];
  t.false(clientInfo.success);
  t.is(results.length, 1);
  t.like(results[0], { name: 'sleep', termination: 'interrupted' });
});

// The base path: which values serve under a prefix, which are refused and how, and how a server
// under one answers and logs requests.
import path from 'node:path';
import test from 'ava';
import { BASE_PATH_EXPECTED, resolveBasePath, ServerOptionError } from '../../../server/index.ts';
import { projectRoot, runTypeScript, startTypeScript } from '../../helpers/child-process.ts';
import { recordLogLines } from '../../helpers/log-lines.ts';
import { makeTempDir } from '../../helpers/temp.ts';
import { createLiveClient } from '../helpers/live-client.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createTestDb, serveDatabaseArguments, startTestServer } from '../helpers/server.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');

test('a prefix keeps its leading slash and loses one trailing slash; /, empty and none are the root', (t) => {
  t.is(resolveBasePath('/ci'), '/ci');
  t.is(resolveBasePath('/ci/'), '/ci');
  t.is(resolveBasePath('/tools/ci-1.x_~'), '/tools/ci-1.x_~');
  t.is(resolveBasePath('/'), '');
  t.is(resolveBasePath(''), '');
  t.is(resolveBasePath(undefined), '');
});

test('a prefix of another shape is refused with the value and what was expected', (t) => {
  for (const bad of ['ci', 'ci/', '//', '/ci//', '/ci/x//', '/c i', '/ci?x', '/ci#x', '/ci%2F', '/..', '/ci/../x', '/ci/.', 'http://host/ci']) {
    const error = t.throws(() => resolveBasePath(bad), { instanceOf: ServerOptionError }, bad);
    t.is(error?.message, `Expected the \`basePath\` option to be ${BASE_PATH_EXPECTED}, got \`${bad}\` (string)`);
  }
});

test('serve refuses a bad --base-path or PONY_BUILD_BASE_PATH at start, naming where it came from', async (t) => {
  const cwd = makeTempDir(t);
  const flag = await runTypeScript(cli, ['serve', '--port', '0', '--base-path', 'ci'], { cwd });
  t.is(flag.code, 2);
  t.true(flag.stderr.includes(`expected --base-path to be ${BASE_PATH_EXPECTED}, got \`ci\``), flag.stderr);
  const variable = await runTypeScript(cli, ['serve', '--port', '0'], { cwd, env: { PONY_BUILD_BASE_PATH: '/ci/../x' } });
  t.is(variable.code, 2);
  t.true(variable.stderr.includes(`expected PONY_BUILD_BASE_PATH to be ${BASE_PATH_EXPECTED}, got \`/ci/../x\``), variable.stderr);
});

test('serve takes PONY_BUILD_BASE_PATH, the flag wins over it, and the URL it prints is under the prefix', async (t) => {
  const database = serveDatabaseArguments(t, await createTestDb(t));
  const running = startTypeScript(cli, ['serve', '--port', '0', ...database, '--base-path', '/ci/'], { cwd: makeTempDir(t), env: { PONY_BUILD_BASE_PATH: 'not a path' } });
  t.teardown(() => running.child.kill('SIGKILL'));
  await running.waitForOutput('(database: ');
  const url = /listening on (http:\/\/\S+) /.exec(running.stdoutSoFar())![1]!;
  t.regex(url, /^http:\/\/127\.0\.0\.1:\d+\/ci\/$/);
  t.is((await fetch(new URL('healthz', url))).status, 200);
  t.is((await fetch(new URL('/healthz', url))).status, 404);
  running.child.kill('SIGTERM');
  t.is((await running.finished).code, 0);
});

test('under a prefix, the site answers there and only there, and the log shows the path as the client sent it, tokens hidden', async (t) => {
  const recorded = recordLogLines();
  const { url } = await startTestServer(t, { basePath: '/ci', log: recorded.log });
  t.regex(url, /^http:\/\/127\.0\.0\.1:\d+\/ci\/$/);
  const root = new URL('/', url);

  const outside = await fetch(new URL('results/1', root), { headers: { Accept: 'text/html' } });
  t.is(outside.status, 404);
  const page = await outside.text();
  t.regex(page, /Nothing is at \/results\/1: this server's pages are under \/ci\/\./);
  t.regex(page, /href="\/ci\/static\/style\.css"/, 'even the error page outside the prefix links under it');
  t.is((await fetch(new URL('cix', root))).status, 404);
  t.is((await fetch(new URL('ci', root))).status, 200, '/ci itself is the dashboard');

  const live = createLiveClient('json', url);
  const begun = await live.beginBuild(makeClientInfo());
  await live.addStep(begun.updateToken, makeStep());
  t.regex(await recorded.waitForLine(/ \/ci\/api\/v1\/builds\/:token\/steps /), /^\S+ POST \/ci\/api\/v1\/builds\/:token\/steps 200 \d+ms 127\.0\.0\.1$/);
  t.regex(await recorded.waitForLine(/ \/results\/1 /), /^\S+ GET \/results\/1 404 /);
  t.regex(await recorded.waitForLine(/ \/ci /), /^\S+ GET \/ci 200 /);
  t.false(recorded.lines.join('\n').includes(begun.updateToken));
});

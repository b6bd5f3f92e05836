// The spool end to end: recipes run as child processes against a closed port, a server that
// answers 500, one that refuses, and then a real server, with the spool in a temp dir.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { startServer } from '../../server/index.ts';
import { parseMethodCall, serializeFault, serializeMethodResponse } from '../../wire/xmlrpc/index.ts';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';
import { findClosedPort, startServer as startScriptedServer } from '../wire/xmlrpc/helpers/servers.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');
const exampleRecipe = path.join(projectRoot, 'recipes/example.ts');
const passingRecipe = path.join(projectRoot, 'test/fixtures/recipes/passing.ts');

function makeSpool(t: ExecutionContext) {
  const directory = makeTempDir(t);
  const spool = path.join(directory, 'spool');
  const run = (file: string, args: string[]) => runTypeScript(file, args, { cwd: directory, env: { PONY_BUILD_SPOOL: spool } });
  const list = () => (existsSync(spool) ? readdirSync(spool).filter((name) => name.endsWith('.json')) : []);
  return { directory, spool, run, list };
}

async function countResults(serverUrl: string, packageName: string): Promise<number> {
  const answer = (await (await fetch(new URL(`api/v1/packages/${packageName}/results?limit=50`, serverUrl))).json()) as { results: unknown[] };
  return answer.results.length;
}

test('a server down for the whole build gets the spooled result first, once, when it is back', async (t) => {
  const { directory, spool, run, list } = makeSpool(t);
  const port = await findClosedPort();
  const url = `http://127.0.0.1:${port}/`;

  const down = await run(exampleRecipe, ['--report', url]);
  t.is(down.code, 3, down.stdout + down.stderr);
  t.regex(down.stdout, /Build succeeded/);
  const spooled = /The result is spooled in (\S+); the next run reporting to (\S+) sends it first/.exec(down.stderr);
  t.truthy(spooled, down.stderr);
  t.is(path.dirname(spooled![1]), spool);
  t.is(spooled![2], url);
  t.regex(down.stderr, new RegExp(`npx pony-build send --spool --report ${url}\n`));
  t.false(existsSync(path.join(directory, 'pony-results')), 'the spool replaces the local file');
  const entry = JSON.parse(readFileSync(spooled![1], 'utf8'));
  t.like(entry, { server: url, client_info: { package: 'example', success: true } });
  t.deepEqual(list(), [path.basename(spooled![1])]);

  const server = await startServer({ port, db: path.join(directory, 'results.db') });
  t.teardown(() => server.close());
  const next = await run(passingRecipe, ['--report', url]);
  t.is(next.code, 0, next.stdout + next.stderr);
  t.regex(next.stdout, new RegExp(`Spooled result reported: ${url}results/1 \\(was ${spooled![1]}\\)`));
  t.regex(next.stdout, new RegExp(`Result reported: ${url}results/2\n`));
  t.true(next.stdout.indexOf('Spooled result reported') < next.stdout.indexOf('▶'), 'sent before this build starts');
  t.deepEqual(list(), []);
  t.is(await countResults(url, 'example'), 1);
  const stored = (await (await fetch(new URL('api/v1/results/1', url))).json()) as { client_info: Record<string, unknown> };
  t.is(stored.client_info.submission_id, entry.client_info.submission_id);

  const again = await run(cli, ['send', '--spool', '--report', url]);
  t.is(again.code, 0, again.stderr);
  t.is(again.stdout, `Nothing spooled for ${url} in ${spool}\n`);
  t.is(await countResults(url, 'example'), 1);
  t.is(await countResults(url, 'fixture-passing'), 1);
});

test('a spooled result is removed only once acknowledged: a server answering 500 keeps it', async (t) => {
  const { spool, run, list } = makeSpool(t);
  let healthy = false;
  const calls: string[] = [];
  const scripted = await startScriptedServer(t, (request, response) => {
    const { methodName } = parseMethodCall(request.body);
    calls.push(methodName);
    if (!healthy) {
      response.statusCode = 500;
      response.end('the database is down');
    } else {
      response.end(serializeMethodResponse([5, 'auth-key']));
    }
  });
  const url = scripted.url.replace(/xmlrpc$/, '');

  const failing = await run(passingRecipe, ['--report', url]);
  t.is(failing.code, 3, failing.stdout + failing.stderr);
  t.regex(failing.stderr, /could not report the result: XML-RPC call add_results to \S+ failed: HTTP 500 Internal Server Error\nThe result is spooled in /);
  t.is(list().length, 1);

  calls.length = 0;
  for (const args of [['send', '--spool', '--report', url], ['send', '--spool']]) {
    const kept = await run(cli, args);
    t.is(kept.code, 1, kept.stdout + kept.stderr);
    t.is(kept.stderr, `pony-build: could not send the spooled results to ${url} (XML-RPC call add_results to ${url}xmlrpc failed: HTTP 500 Internal Server Error); they stay in ${spool}\n`);
    t.is(list().length, 1);
  }
  t.deepEqual(calls, ['add_results', 'add_results']);

  healthy = true;
  const sent = await run(cli, ['send', '--spool']);
  t.is(sent.code, 0, sent.stderr);
  t.regex(sent.stdout, new RegExp(`^Spooled result reported: ${url}results/5 \\(was ${spool}/\\d+-[\\da-f-]+\\.json\\)\n$`));
  t.deepEqual(list(), []);
});

test('a result the server refused is not spooled: it stays in pony-results/ with the command that sends it', async (t) => {
  const { directory, run, list } = makeSpool(t);
  const refusing = await startScriptedServer(t, (request, response) => {
    response.end(serializeFault(-32602, `${parseMethodCall(request.body).methodName}: client_info.host must be a string`));
  });
  const refused = await run(passingRecipe, ['--report', refusing.url]);
  t.is(refused.code, 3, refused.stdout + refused.stderr);
  t.regex(refused.stderr, /could not report the result: XML-RPC fault -32602: add_results: client_info.host must be a string\n/);
  const kept = /The result is kept in (\S+); send it later with:\n {2}npx pony-build send \S+ --report (\S+)\n/.exec(refused.stderr);
  t.truthy(kept, refused.stderr);
  t.deepEqual(list(), []);

  const server = await startServer({ port: 0, db: path.join(directory, 'results.db') });
  t.teardown(() => server.close());
  const send = await run(cli, ['send', kept![1], '--report', server.url]);
  t.is(send.code, 0, send.stderr);
  t.regex(send.stdout, /reported as http:\/\/127\.0\.0\.1:\d+\/results\/1/);
});

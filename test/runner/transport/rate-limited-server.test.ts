// Our client against a real server past limits.requests_per_minute (set in a config file): the
// server answers HTTP 429 with Retry-After, the client waits as asked and sends again, and the
// result is stored once. The server's clock is moved by the client's own line saying it waits,
// so the budget refills exactly then, however slow the machine.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { callXmlRpc } from '../../../runner/transport/index.ts';
import { readServerConfigFile, startServer } from '../../../server/index.ts';
import { projectRoot, startTypeScript } from '../../helpers/child-process.ts';
import { makeTempDir } from '../../helpers/temp.ts';
import { makeClientInfo, makeStep } from '../../server/helpers/results.ts';
import { countRows } from '../../server/helpers/server.ts';

const WAIT_LINE = /pony-build: the server asked to wait 1 s before the XML-RPC call (\w+) \(HTTP 429, too many requests\); waiting 1 s, then trying again \(1 of 3\)/g;

async function startLimitedServer(t: ExecutionContext) {
  const directory = makeTempDir(t);
  const configFile = path.join(directory, 'config.json');
  // 60 a minute earns one request back a second: Retry-After is 1 s.
  writeFileSync(configFile, JSON.stringify({ limits: { requests_per_minute: 60 } }));
  const db = path.join(directory, 'results.db');
  const clock = { now: 1_700_000_000 };
  const server = await startServer({ port: 0, db, config: await readServerConfigFile(configFile), now: () => clock.now });
  t.teardown(() => server.close());
  return { ...server, db, directory, clock };
}

/** Spends the address's whole budget (the clock stands still, so nothing comes back) and answers the first refusal. */
async function spendBudget(url: string): Promise<Response> {
  for (;;) {
    const response = await fetch(new URL('api/v1/packages', url));
    await response.arrayBuffer();
    if (response.status === 429) {
      return response;
    }
  }
}

test('add_results past the limit waits as Retry-After says, then is stored once', async (t) => {
  const { url, db, clock } = await startLimitedServer(t);
  const refusal = await spendBudget(url);
  t.is(refusal.headers.get('retry-after'), '1');

  const said: string[] = [];
  const answer = await callXmlRpc(new URL('xmlrpc', url).href, 'add_results', [makeClientInfo(), [makeStep()]], {
    say: (line) => {
      said.push(line);
      clock.now += 1;
    },
  });
  t.deepEqual(said.map((line) => line.replace(WAIT_LINE, 'waited before $1')), ['waited before add_results']);
  t.true(Array.isArray(answer) && answer[0] === 1, JSON.stringify(answer));
  t.is(await countRows(db), 1);
});

test('a recipe reporting live to a server past its limit waits each time it is asked, and its result arrives once', async (t) => {
  const { url, db, directory, clock } = await startLimitedServer(t);
  await spendBudget(url);
  const run = startTypeScript(path.join(projectRoot, 'test/fixtures/recipes/passing.ts'), ['--report', url], { cwd: directory });
  let stderr = '';
  let waits = 0;
  run.child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    const said = stderr.match(WAIT_LINE)?.length ?? 0;
    clock.now += said - waits;
    waits = said;
  });
  const finished = await run.finished;
  t.is(finished.code, 0, finished.stdout + finished.stderr);
  t.regex(finished.stdout, /Result reported: /);
  const calls = [...finished.stderr.matchAll(WAIT_LINE)].map((match) => match[1]);
  t.true(calls.includes('begin_build') && calls.includes('finish_build'), calls.join(', '));
  t.false(finished.stderr.includes('giving up'), finished.stderr);
  t.is(await countRows(db), 1);
  clock.now += 60;
  const stored = await (await fetch(new URL('api/v1/results/1', url))).json() as { state: string; results_list: Array<{ name: string }> };
  t.is(stored.state, 'finished');
  t.deepEqual(stored.results_list.map((step) => step.name), ['compile', 'check']);
});

// `pony-build migrate`: a server's SQLite history, filled through a real server (results with
// test cases, a live build still running, uploads) and through the store (tokens, admins,
// sessions, build requests, queued notifications), is copied by the real command into a fresh
// PostgreSQL database; every result and everything around it reads back the same from both.
import path from 'node:path';
import test from 'ava';
import { openStore } from '../../server/store/open-store.ts';
import type { Store } from '../../server/store/types.ts';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { createTestDatabase, postgresTest } from '../helpers/postgres.ts';
import { createLiveClient } from '../server/helpers/live-client.ts';
import { makeClientInfo, makeStep } from '../server/helpers/results.ts';
import { makeTempDirectory, startTestServer } from '../server/helpers/server.ts';
import { makeTestCase, makeTestStep } from '../server/helpers/test-cases.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');
const runPonyBuild = (args: string[]) => runTypeScript(cli, args);

async function fillThroughServer(t: Parameters<typeof startTestServer>[0], db: string): Promise<void> {
  const { url, server } = await startTestServer(t, { db });
  const client = createLiveClient('json', url);
  const passing = await client.addResults(makeClientInfo(), [makeStep(), makeTestStep([makeTestCase(), makeTestCase({ name: 'subtracts' })])]);
  await client.addResults(makeClientInfo({ success: false, tags: ['node22'] }),
    [makeTestStep([makeTestCase({ status: 'failed', message: 'expected 2, got <script>3</script>' })])]);
  await client.addResults(makeClientInfo({ package: 'gadget', host: 'builder-2' }), [makeStep({ output: 'héllo ✓\n' })]);
  const running = await client.beginBuild(makeClientInfo({ package: 'gadget', tags: ['live'] }));
  await client.addStep(running.updateToken, makeStep({ name: 'configure' }));
  await client.appendOutput(running.updateToken, 1, 'output', 'compiling half of it\n');
  const upload = await fetch(new URL(`upload?${new URLSearchParams({ description: 'the log', filename: 'build.log', auth_key: passing.authKey, visible: 'yes' })}`, url),
    { method: 'POST', body: 'every line of the build\n' });
  t.is(upload.status, 200);
  await server.close();
}

async function fillThroughStore(store: Store): Promise<void> {
  await store.addClientToken({ name: 'builder-1', secretHash: 'a'.repeat(64), packages: ['widget'], hosts: [], createdAt: 1_700_000_000 });
  await store.revokeClientToken('builder-1', 1_700_000_100);
  await store.addClientToken({ name: 'builder-2', secretHash: 'b'.repeat(64), packages: [], hosts: ['builder-2'], createdAt: 1_700_000_200 });
  await store.putAdmin('alice', 'scrypt$16384$8$1$c2FsdA$aGFzaA', 1_700_000_000);
  await store.addAdminSession({ idHash: 'c'.repeat(64), adminName: 'alice', csrfToken: 'token', createdAt: 1_700_000_000, expiresAt: 1_800_000_000 });
  await store.addBuildRequest(JSON.stringify(['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'node20']), 1_700_000_300);
  await store.addNotifyRow(1, 'finished', 1_700_000_400);
  await store.enqueueDeliveries([{ kind: 'webhook', target: 'https://hooks.example.org/ci', event: 'broke', dedupeKey: 'webhook 2 broke', payload: '{"result":2}' }], 1_700_000_500);
}

/** Everything a server shows, read through the store: what must be the same after the copy. */
async function readEverything(store: Store) {
  // Finished results by age, and the running build, which has none yet.
  const keys = [...(await store.listResultAges(0, 1000)).map((age) => age.key), ...(await store.listRunningBuilds()).map((build) => build.key)]
    .sort((a, b) => a - b);
  const results = await Promise.all(keys.map(async (key) => ({
    result: await store.getResult(key),
    testCases: await store.listTestCases(key),
    uploads: await Promise.all((await store.listUploads(key)).map(async (upload) => {
      const { content, ...row } = (await store.getUpload(key, upload.id))!;
      return { ...row, content: content === null ? null : await readAll(content) };
    })),
  })));
  return {
    keys,
    results,
    running: await store.listRunningBuilds(),
    runningStep: await Promise.all(keys.map((key) => store.getRunningStep(key))),
    tagsets: await store.listTagsets(),
    packages: await store.listPackages(),
    tokens: await store.listClientTokens(),
    admins: await store.listAdmins(),
    session: await store.findAdminSession('c'.repeat(64)),
    requestTaken: await store.takeBuildRequest(JSON.stringify(['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'node20'])),
    deliveries: await store.listDeliveries({ limit: 100 }),
    nextNotify: await store.findNextNotifyTime(),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.from(chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

postgresTest('migrate copies a whole SQLite history into PostgreSQL, and every result reads back the same', async (t) => {
  const directory = makeTempDirectory(t);
  const sqlite = path.join(directory, 'results.db');
  await fillThroughServer(t, sqlite);
  const source = await openStore(sqlite);
  await fillThroughStore(source);
  await source.close();
  const postgres = await createTestDatabase(t);
  const dataDir = path.join(directory, 'shared-files');

  const run = await runPonyBuild(['migrate', '--from', `sqlite:${sqlite}`, '--to', postgres, '--data-dir', dataDir]);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /copied .* 4 results, 3 test cases, \d+ rows in all, and 1 uploaded file into /);

  const before = await openStore(sqlite);
  t.teardown(() => before.close());
  const after = await openStore(postgres, { filesDirectory: dataDir });
  t.teardown(() => after.close());
  const [expected, actual] = [await readEverything(before), await readEverything(after)];
  t.is(expected.keys.length, 4);
  t.is(expected.running.length, 1);
  t.true(expected.requestTaken);
  t.deepEqual(actual, expected);

  // New rows continue after the copied keys, never reusing one.
  const next = await after.addResult({ ...expected.results[0]!.result!, receivedAt: 1_800_000_000, authKey: 'fresh', success: true, duration: 1, testCases: [] });
  t.true(next > Math.max(...expected.keys));

  const again = await runPonyBuild(['migrate', '--from', sqlite, '--to', postgres, '--data-dir', dataDir]);
  t.is(again.code, 1);
  t.regex(again.stderr, /pony-build migrate: the PostgreSQL database already holds 5 results, 2 tokens, 1 admins; migrate into an empty database/);
});

test('migrate names what is wrong with its options', async (t) => {
  const missing = await runPonyBuild(['migrate', '--to', 'mysql://nowhere']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /--from sqlite:FILE is required/);
  t.regex(missing.stderr, /--to takes a postgres:\/\/ URL, got "mysql:\/\/nowhere"/);
  const absent = await runPonyBuild(['migrate', '--from', 'sqlite:/nonexistent/results.db', '--to', 'postgres://127.0.0.1/x']);
  t.is(absent.code, 2);
  t.regex(absent.stderr, /--from: no SQLite database at \/nonexistent\/results.db/);
});

// build-dependency-chain.ts: a library built and packed, an application tested against that
// fresh package; the application's test needs a change present only in the library's latest
// commit.
import test from 'ava';
import { makeChainStandins } from './standins.ts';
import { listSteps, runRecipeFile } from './run-recipe-file.ts';

const chainSteps = [
  ['library: install dependencies', 'setup'],
  ['library: npm run build', 'build'],
  ['library: npm test', 'test'],
  ['library: npm pack', 'package'],
  ['app: install dependencies', 'setup'],
  ['app: install the built library', 'setup'],
  ['app: npm run build', 'build'],
  ['app: npm test', 'test'],
];

test('builds and packs the library, then tests the app against it; both checkouts are recorded', async (t) => {
  const { library, app } = await makeChainStandins(t);
  const run = await runRecipeFile(t, 'build-dependency-chain.ts', [], { CHAIN_LIBRARY_REPO: library.url, CHAIN_APP_REPO: app.url });
  t.is(run.code, 0, run.stdout + run.stderr);
  const result = run.readResult();
  t.deepEqual(listSteps(result).slice(-8), chainSteps.map(([name, type]) => [name, type, 0]));
  t.regex(result.results_list.at(-1)!.output, /app tests passed with chain-lib 1\.1\.0/);
  t.like(result.client_info, { package: 'chain-app-with-chain-lib', success: true, repository: library.url });
  t.deepEqual((result.client_info.checkouts as Array<{ directory: string; repository: string }>).map((checkout) => [checkout.directory, checkout.repository]), [
    ['library', library.url],
    ['app', app.url],
  ]);
});

test("the app's test fails against the library's older release", async (t) => {
  const { library, app, libraryV1 } = await makeChainStandins(t);
  const run = await runRecipeFile(t, 'build-dependency-chain.ts', [], { CHAIN_LIBRARY_REPO: library.url, CHAIN_LIBRARY_REF: 'v1', CHAIN_APP_REPO: app.url });
  t.is(run.code, 1, run.stdout + run.stderr);
  const result = run.readResult();
  t.like(result.client_info, { success: false, revision: libraryV1 });
  t.deepEqual(listSteps(result).slice(-8).map(([name, , status]) => [name, status === 0]), chainSteps.map(([name]) => [name, name !== 'app: npm test']));
  t.regex(result.results_list.at(-1)!.errout, /chain-lib has no shout\(\): not the freshly built library/);
});

test('missing repositories are named together, exit 2', async (t) => {
  const run = await runRecipeFile(t, 'build-dependency-chain.ts', [], { CHAIN_APP_REF: 'main' });
  t.is(run.code, 2);
  t.regex(run.stderr, /^pony-build: 2 settings are missing:\n {2}CHAIN_LIBRARY_REPO is not set: .*\n {2}CHAIN_APP_REPO is not set: /);
  t.deepEqual(run.readResults(), []);
});

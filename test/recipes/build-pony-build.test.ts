// build-pony-build.ts against a miniature of itself: the real recipe would run this whole
// suite recursively, so a stand-in with a lockfile and a test script takes its place.
import path from 'node:path';
import test from 'ava';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makePonyBuildStandin } from './standins.ts';
import { listSteps, runRecipeFile } from './run-recipe-file.ts';

test('clones, runs npm ci and npm test, and says both passed', async (t) => {
  const standin = await makePonyBuildStandin(t);
  const run = await runRecipeFile(t, 'build-pony-build.ts', [], { PONY_BUILD_REPO: standin.url });
  t.is(run.code, 0, run.stdout + run.stderr);
  const result = run.readResult();
  t.deepEqual(listSteps(result).slice(-2), [
    ['npm ci', 'setup', 0],
    ['npm test', 'test', 0],
  ]);
  t.like(result.client_info, { package: 'pony-build', success: true, repository: standin.url, tags: [] });
  t.regex(result.results_list.at(-1)!.output, /3 tests passed/);
  t.regex(run.stdout, /PASS npm ci .*\n[\s\S]*PASS npm test/);
  t.regex(run.stdout, /Build succeeded in .* \(\d+ of \d+ steps passed\)/);
});

test('PONY_BUILD_REF picks the branch to build', async (t) => {
  const standin = await makePonyBuildStandin(t);
  await standin.git('checkout', '--quiet', '-b', 'next');
  const next = await standin.commit('a failing test on next', { 'package.json': `{"name":"pony-build-standin","version":"0.1.0","license":"MIT","scripts":{"test":"node -e \\"process.exit(1)\\""}}\n` });
  await standin.git('checkout', '--quiet', 'main');
  const run = await runRecipeFile(t, 'build-pony-build.ts', [], { PONY_BUILD_REPO: standin.url, PONY_BUILD_REF: 'next' });
  t.is(run.code, 1, run.stdout + run.stderr);
  t.like(run.readResult().client_info, { success: false, ref: 'next', revision: next });
  t.deepEqual(listSteps(run.readResult()).at(-1), ['npm test', 'test', 1]);
});

test('--help names the default repository: this project', async (t) => {
  const run = await runTypeScript(path.join(projectRoot, 'recipes/build-pony-build.ts'), ['--help']);
  t.is(run.code, 0, run.stderr);
  t.true(run.stdout.includes(`PONY_BUILD_REPO  the git URL of pony-build (default: file://${projectRoot.replace(/\/$/, '')})`), run.stdout);
});

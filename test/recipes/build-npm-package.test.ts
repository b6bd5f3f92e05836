// build-npm-package.ts against a local package repository, offline: install, build with a
// tool from the node sandbox, test, pack.
import { existsSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { projectRoot } from '../helpers/child-process.ts';
import { makeNpmPackageStandin } from './standins.ts';
import { listSteps, removeWhenDone, runRecipeFile } from './run-recipe-file.ts';

const helloSandbox = path.join(projectRoot, 'test/fixtures/contexts/hello-sandbox');

test('installs, builds with a sandbox tool, tests and packs; named after the repository', async (t) => {
  const standin = await makeNpmPackageStandin(t);
  const run = await runRecipeFile(t, 'build-npm-package.ts', ['-N'], { NPM_PACKAGE_REPO: standin.url, NPM_PACKAGE_SANDBOX_DEPS: helloSandbox });
  const result = run.readResult();
  removeWhenDone(t, result.client_info.tempdir, result.client_info.node_sandbox);
  t.is(run.code, 0, run.stdout + run.stderr);
  t.deepEqual(listSteps(result).slice(-5), [
    ['install node dependencies', 'setup', 0],
    ['install dependencies', 'setup', 0],
    ['npm run build', 'build', 0],
    ['npm test', 'test', 0],
    ['npm pack', 'package', 0],
  ]);
  t.like(result.client_info, { package: 'greeting', success: true, node_dependencies: { 'hello-sandbox': '1.2.3' } });
  t.regex(result.results_list.at(-4)!.command as string, /then npm ci; else npm install; fi/);
  t.regex(result.results_list.at(-3)!.output, /hello from the sandbox\nbuilt dist\/index\.js/);
  t.regex(result.results_list.at(-2)!.output, /1 test passed/);
  const checkout = path.join(String(result.client_info.tempdir), 'greeting');
  t.true(existsSync(path.join(checkout, 'greeting-2.0.0.tgz')));
  // The repository has no lockfile, so `npm install` ran (and wrote one) rather than `npm ci`.
  t.true(existsSync(path.join(checkout, 'package-lock.json')));
});

test('NPM_PACKAGE_NAME names the package; without the sandbox tool the build step fails', async (t) => {
  const standin = await makeNpmPackageStandin(t);
  const run = await runRecipeFile(t, 'build-npm-package.ts', [], { NPM_PACKAGE_REPO: standin.url, NPM_PACKAGE_NAME: '@me/greeting' });
  t.is(run.code, 1, run.stdout + run.stderr);
  const result = run.readResult();
  t.like(result.client_info, { package: '@me/greeting', success: false });
  t.deepEqual(listSteps(result).slice(-2).map(([name, , status]) => [name, status === 0]), [
    ['install dependencies', true],
    ['npm run build', false],
  ]);
  t.regex(result.results_list.at(-1)!.errout, /hello-sandbox: (command )?not found/);
  t.regex(run.stdout, /SKIP {2}npm test .*an earlier step failed/);
  t.regex(run.stdout, /SKIP {2}npm pack .*an earlier step failed/);
});

test('without NPM_PACKAGE_REPO it exits 2 naming the variable, before building anything', async (t) => {
  const run = await runRecipeFile(t, 'build-npm-package.ts', [], {});
  t.is(run.code, 2);
  t.is(run.stdout, '');
  t.regex(run.stderr, /^pony-build: NPM_PACKAGE_REPO is not set: it names the git URL of the npm package to build \(e\.g\. NPM_PACKAGE_REPO=https:\/\/github\.com\/sindresorhus\/slugify\.git\)\n/);
  t.regex(run.stderr, /Run with --help/);
  t.deepEqual(run.readResults(), []);
});

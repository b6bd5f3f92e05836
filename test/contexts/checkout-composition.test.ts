import { existsSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { runBuild } from '../../runner/run/run-build.ts';
import { findContextProblems, gitCheckout, hgCheckout, svnCheckout, tempDir, validateContexts } from '../../contexts/index.ts';
import { build } from '../../runner/steps/step-spec.ts';
import { RecipeError } from '../../runner/steps/validate-steps.ts';
import { makeCacheEnv, makeGitRepository, makeHgRepository } from './repositories.ts';
import { runWithContexts } from './run-with-contexts.ts';

const printCwd = build(['node', '-e', 'console.log(process.cwd())'], { name: 'print cwd' });
const readFile = build(['cat', 'file'], { name: 'read file' });
// What a process sees as its cwd once symlinks in the temp dir's parents are resolved.
const resolveTempPath = (tempdir: string, ...rest: string[]) => path.join(realpathSync(path.dirname(tempdir)), path.basename(tempdir), ...rest);

test('after a temp dir, the checkout goes inside it and the temp dir removes it', async (t) => {
  const source = await makeGitRepository(t);
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), gitCheckout({ url: source.url, directory: 'src/hello' })], steps: [printCwd] });
  const tempdir = outcome.clientInfo.tempdir as string;
  t.is(outcome.results.at(-1)?.output, `${resolveTempPath(tempdir, 'src', 'hello')}\n`);
  t.deepEqual(outcome.clientInfo.checkouts, [{ vcs: 'git', repository: source.url, revision: source.revisions.second, directory: 'src/hello' }]);
  t.false(existsSync(tempdir));
});

test('on its own, a checkout makes a temp dir of its own and removes it afterwards', async (t) => {
  const source = await makeGitRepository(t);
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), cwd: os.tmpdir(), contexts: [gitCheckout({ url: source.url })], steps: [printCwd, readFile] });
  const tempdir = outcome.clientInfo.tempdir as string;
  t.is(path.dirname(tempdir), os.tmpdir());
  t.is(outcome.results.at(-2)?.output, `${resolveTempPath(tempdir, 'hello')}\n`);
  t.is(outcome.results.at(-1)?.output, 'two\n');
  t.false(existsSync(tempdir));
});

test('on its own, a checkout keeps its temp dir when the build keeps leftovers', async (t) => {
  const source = await makeGitRepository(t);
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), keep: true, contexts: [gitCheckout({ url: source.url })], steps: [readFile] });
  const tempdir = outcome.clientInfo.tempdir as string;
  t.teardown(() => rmSync(tempdir, { recursive: true, force: true }));
  t.true(existsSync(path.join(tempdir, 'hello', 'file')));
  t.true(outcome.events.some((event) => event.type === 'context:note' && event.text === `kept ${tempdir}`));
});

test('the build directory is left to where it was before the checkout', async (t) => {
  const source = await makeGitRepository(t);
  const seen: string[] = [];
  const outcome = await runWithContexts(t, {
    env: makeCacheEnv(t),
    contexts: [tempDir(), { name: 'probe', enter: async (scope) => void seen.push(scope.cwd), exit: async (scope) => void seen.push(scope.cwd) }, gitCheckout({ url: source.url })],
    steps: [readFile],
  });
  t.true(outcome.clientInfo.success);
  t.deepEqual(seen, [outcome.clientInfo.tempdir, outcome.clientInfo.tempdir]);
});

test('two checkouts of different repositories sit side by side; the first one names the build\'s revision', async (t) => {
  const [app, library] = await Promise.all([makeGitRepository(t), makeHgRepository(t)]);
  const outcome = await runWithContexts(t, {
    env: makeCacheEnv(t),
    contexts: [tempDir(), gitCheckout({ url: app.url, directory: 'app' }), hgCheckout({ url: library.url, directory: 'library' })],
    steps: [printCwd, build(['cat', '../app/file', 'file'])],
  });
  t.true(outcome.clientInfo.success);
  t.is(outcome.results.at(-2)?.output, `${resolveTempPath(outcome.clientInfo.tempdir as string, 'library')}\n`);
  t.is(outcome.results.at(-1)?.output, 'two\ntwo\n');
  t.like(outcome.clientInfo, { vcs: 'git', revision: app.revisions.second, repository: app.url });
  t.deepEqual(outcome.clientInfo.checkouts, [
    { vcs: 'git', repository: app.url, revision: app.revisions.second, directory: 'app' },
    { vcs: 'hg', repository: library.url, revision: library.revisions.second, directory: 'library' },
  ]);
});

test('two checkouts into the same directory are a recipe problem naming both', (t) => {
  const contexts = [tempDir(), gitCheckout({ url: 'https://example.org/a/hello.git' }), hgCheckout({ url: 'https://example.org/b/hello' })];
  const error = t.throws(() => validateContexts(contexts), { instanceOf: RecipeError });
  t.deepEqual(error?.problems, [
    'hgCheckout(`https://example.org/b/hello`) and gitCheckout(`https://example.org/a/hello.git`) both check out into `hello`; give one of them another `directory`',
  ]);
});

test('runBuild refuses two checkouts into the same directory before running anything, naming both', async (t) => {
  const [first, second] = await Promise.all([makeGitRepository(t), makeGitRepository(t)]);
  const events: unknown[] = [];
  const error = await t.throwsAsync(
    runBuild({
      package: 'hello',
      env: makeCacheEnv(t),
      contexts: [tempDir(), gitCheckout({ url: first.url, directory: 'same' }), gitCheckout({ url: second.url, directory: 'same' })],
      steps: [readFile],
      consumers: [(event) => void events.push(event)],
    }),
    { instanceOf: RecipeError },
  );
  t.deepEqual(error?.problems, [
    `gitCheckout(\`${second.url}\`) and gitCheckout(\`${first.url}\`) both check out into \`same\`; give one of them another \`directory\``,
  ]);
  t.deepEqual(events, [], 'nothing started');
});

test('a directory outside the build directory is refused before anything runs', (t) => {
  const problems = findContextProblems([
    gitCheckout({ url: 'https://example.org/hello.git', directory: '../elsewhere' }),
    svnCheckout({ url: 'https://example.org/svn/hello', directory: '/etc' }),
    hgCheckout({ url: 'https://example.org/hg/hello', directory: 'a/../../b' }),
    gitCheckout({ url: 'https://example.org/x.git', directory: '.' }),
  ]);
  t.deepEqual(problems, [
    'gitCheckout(`https://example.org/hello.git`): expected `directory` to be a relative path inside the build directory, without `..`, got `../elsewhere` (string)',
    'svnCheckout(`https://example.org/svn/hello`): expected `directory` to be a relative path inside the build directory, without `..`, got `/etc` (string)',
    'hgCheckout(`https://example.org/hg/hello`): expected `directory` to be a relative path inside the build directory, without `..`, got `a/../../b` (string)',
    'gitCheckout(`https://example.org/x.git`): expected `directory` to be a subdirectory, not the build directory itself, got `.` (string)',
  ]);
});

test('runBuild refuses a directory outside the build directory before running anything', async (t) => {
  const error = await t.throwsAsync(
    runBuild({ package: 'hello', contexts: [tempDir(), gitCheckout({ url: 'https://example.org/hello.git', directory: '../elsewhere' })], steps: [readFile] }),
    { instanceOf: RecipeError },
  );
  t.regex(error!.message, /expected `directory` to be a relative path inside the build directory, without `\.\.`, got `\.\.\/elsewhere`/);
});

test('every option problem of every checkout is reported together, unknown options by name', (t) => {
  const error = t.throws(
    () =>
      validateContexts([
        // @ts-expect-error: a misspelt option, as a JavaScript recipe could pass it
        gitCheckout({ url: 'https://example.org/hello.git', branch: 'main', depth: 1 }),
        // @ts-expect-error: no url
        hgCheckout({ ref: 'default' }),
        gitCheckout({ url: 'https://example.org/hello.git', ref: '--upload-pack=touch /tmp/x', directory: 'other' }),
        svnCheckout({ url: 'https://example.org/svn', revision: -1, directory: 'svn' }),
      ]),
    { instanceOf: RecipeError },
  );
  t.deepEqual(error?.problems, [
    'gitCheckout(`https://example.org/hello.git`): unknown options `branch`, `depth`; known: `url`, `ref`, `shallow`, `directory`, `cache`',
    'hgCheckout(): expected `url` to be a non-empty string, got `undefined` (undefined)',
    'gitCheckout(`https://example.org/hello.git`): expected `ref` to be a name that does not start with `-`, got `--upload-pack=touch /tmp/x` (string)',
    'svnCheckout(`https://example.org/svn`): expected `revision` to be a non-empty string, got `-1` (number)',
  ]);
});

test('checkouts with good options have no problems', (t) => {
  t.deepEqual(findContextProblems([tempDir(), gitCheckout({ url: 'https://example.org/hello.git', ref: 'main', shallow: true }), svnCheckout({ url: 'https://example.org/svn/trunk', revision: 7 })]), []);
});

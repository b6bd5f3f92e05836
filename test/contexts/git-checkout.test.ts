import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { getCheckoutRevision, gitCheckout, tempDir } from '../../contexts/index.ts';
import { getCachePath } from '../../contexts/checkout/cache-path.ts';
import { build } from '../../runner/steps/step-spec.ts';
import { makeCacheEnv, makeGitRepository } from './repositories.ts';
import { listCommands, runWithContexts } from './run-with-contexts.ts';

const forever = new URL('../fixtures/forever.js', import.meta.url).pathname;
const slowGitDirectory = new URL('../fixtures/contexts/slow-git/', import.meta.url).pathname;
const readFile = build(['cat', 'file'], { name: 'read file' });

const checksOut = test.macro({
  async exec(t: ExecutionContext, ref: string | undefined, commitName: string, content: string, cache: boolean) {
    const source = await makeGitRepository(t);
    const env = makeCacheEnv(t);
    const resolvedRef = ref?.startsWith('sha:') ? source.revisions[ref.slice(4)] : ref;
    const outcome = await runWithContexts(t, { env, contexts: [tempDir(), gitCheckout({ url: source.url, ref: resolvedRef, cache })], steps: [readFile] });
    const sha = source.revisions[commitName];
    t.true(outcome.clientInfo.success);
    t.is(outcome.results.at(-1)?.output, `${content}\n`);
    t.like(outcome.checkoutStep, { type: 'setup', status: 0, version_type: 'git', version_info: `${sha} ${commitName}` });
    t.like(outcome.clientInfo, { vcs: 'git', revision: sha, repository: source.url });
    t.is(outcome.clientInfo.ref, resolvedRef);
    t.is(getCheckoutRevision(outcome.clientInfo), sha);
    t.is(readdirSync(env.PONY_BUILD_CACHE).length, cache ? 1 : 0);
  },
  title: (_title, ref, _commit, _content, cache) =>
    `checks out ${ref === undefined ? 'the default branch' : ref.startsWith('sha:') ? `the commit \`${ref.slice(4)}\` by sha` : `\`${ref}\``} ${cache ? 'through the cache' : 'straight from the remote'}`,
});

for (const cache of [true, false]) {
  test(checksOut, undefined, 'second', 'two', cache);
  test(checksOut, 'feature', 'feature', 'feature', cache);
  test(checksOut, 'v1', 'first', 'one', cache);
  test(checksOut, 'sha:first', 'first', 'one', cache);
}

test('a consumer of step:end sees the checkout step with its version_type and version_info', async (t) => {
  const source = await makeGitRepository(t);
  for (const cache of [true, false]) {
    const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), gitCheckout({ url: source.url, cache })], steps: [readFile] });
    const clone = outcome.endedSteps.find((step) => (step.command as string[])[1] === 'clone' && !step.command.includes('--bare'));
    t.like(clone, { status: 0, version_type: 'git', version_info: `${source.revisions.second} second` }, `cache: ${cache}`);
    t.deepEqual(outcome.endedSteps.filter((step) => step.version_type !== undefined), [clone!], `cache: ${cache}`);
  }
});

test('an abbreviated sha is checked out from the cache', async (t) => {
  const source = await makeGitRepository(t);
  const outcome = await runWithContexts(t, {
    env: makeCacheEnv(t),
    contexts: [tempDir(), gitCheckout({ url: source.url, ref: source.revisions.feature.slice(0, 10) })],
    steps: [readFile],
  });
  t.is(outcome.results.at(-1)?.output, 'feature\n');
  t.is(outcome.clientInfo.revision, source.revisions.feature);
});

test('the commands that fetch and check out are recorded as setup steps with their output', async (t) => {
  const source = await makeGitRepository(t);
  const env = makeCacheEnv(t);
  const cachePath = getCachePath(env, 'git', source.url);
  const outcome = await runWithContexts(t, { env, contexts: [tempDir(), gitCheckout({ url: source.url, ref: 'feature' })], steps: [readFile] });
  const checkoutDirectory = path.join(outcome.clientInfo.tempdir as string, 'hello');
  t.deepEqual(listCommands(outcome.results), [
    `git clone --bare -- ${source.url} ${cachePath}.partial-${process.pid}`,
    `git clone --branch feature -- ${cachePath} ${checkoutDirectory}`,
    'cat file',
  ]);
  t.true(outcome.results.slice(0, 2).every((step) => step.type === 'setup'));
  t.regex(outcome.results[0].errout, /Cloning into bare repository/);
  t.is(outcome.checkoutStep, outcome.results[1]);
});

test('a shallow checkout holds only the newest commit, with or without the cache', async (t) => {
  const source = await makeGitRepository(t);
  for (const cache of [true, false]) {
    const outcome = await runWithContexts(t, {
      env: makeCacheEnv(t),
      contexts: [tempDir(), gitCheckout({ url: source.url, ref: 'main', shallow: true, cache })],
      steps: [build(['git', 'rev-list', '--count', 'HEAD'])],
    });
    t.is(outcome.results.at(-1)?.output, '1\n', `cache: ${cache}`);
    t.is(outcome.clientInfo.revision, source.revisions.second);
  }
});

test('origin points at the real repository, not at the cache', async (t) => {
  const source = await makeGitRepository(t);
  const outcome = await runWithContexts(t, {
    env: makeCacheEnv(t),
    contexts: [tempDir(), gitCheckout({ url: source.url })],
    steps: [build(['git', 'remote', 'get-url', 'origin'])],
  });
  t.is(outcome.results.at(-1)?.output, `${source.url}\n`);
});

test('a second checkout fetches into the cache instead of cloning the remote again', async (t) => {
  const source = await makeGitRepository(t);
  const env = makeCacheEnv(t);
  const cachePath = getCachePath(env, 'git', source.url);
  const contexts = () => [tempDir(), gitCheckout({ url: source.url })];
  const first = await runWithContexts(t, { env, contexts: contexts(), steps: [readFile] });
  t.true(listCommands(first.results).some((command) => command.startsWith(`git clone --bare -- ${source.url} `)));
  const packDirectory = path.join(cachePath, 'objects', 'pack');
  const packs = readdirSync(packDirectory).map((name) => [name, statSync(path.join(packDirectory, name)).ino] as const);
  t.true(packs.length > 0);

  const third = await source.commit('third', 'three');
  const second = await runWithContexts(t, { env, contexts: contexts(), steps: [readFile] });
  t.deepEqual(listCommands(second.results).filter((command) => command.includes(source.url)), []);
  t.like(second.results[0], { command: ['git', 'fetch', '--prune', '--tags', 'origin'], status: 0 });
  t.is(second.results.at(-1)?.output, 'three\n');
  t.is(second.clientInfo.revision, third);
  // What the first run downloaded is still there, the very same files: nothing was fetched twice.
  for (const [name, inode] of packs) {
    t.is(statSync(path.join(packDirectory, name)).ino, inode);
  }
});

test('a cache left half-made by an interrupted first clone is made again', async (t) => {
  const source = await makeGitRepository(t);
  const env = makeCacheEnv(t);
  const cachePath = getCachePath(env, 'git', source.url);
  const first = await runWithContexts(t, { env, contexts: [tempDir(), gitCheckout({ url: source.url })], steps: [readFile] });
  t.true(first.clientInfo.success);
  renameSync(path.join(cachePath, 'objects'), path.join(cachePath, 'objects-gone'));
  renameSync(path.join(cachePath, 'HEAD'), path.join(cachePath, 'HEAD-gone'));
  const second = await runWithContexts(t, { env, contexts: [tempDir(), gitCheckout({ url: source.url })], steps: [readFile] });
  t.true(second.clientInfo.success);
  t.true(listCommands(second.results)[0].startsWith(`git clone --bare -- ${source.url} `));
});

test('a URL that is not a repository fails the checkout step with git\'s message, skips the steps and removes the temp dir', async (t) => {
  const url = 'file:///nonexistent/pony-build/missing.git';
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), gitCheckout({ url })], steps: [readFile] });
  t.false(outcome.clientInfo.success);
  t.false(outcome.interrupted);
  const [clone, failure] = outcome.results;
  t.like(clone, { type: 'setup', status: 128 });
  t.is((clone.command as string[]).slice(0, 5).join(' '), `git clone --bare -- ${url}`);
  t.regex(clone.errout, /fatal: '\/nonexistent\/pony-build\/missing\.git' does not appear to be a git repository/);
  t.like(failure, { name: 'enter git checkout', type: 'setup', status: -1 });
  t.regex(failure.errout, /^git checkout: `git clone --bare -- file:\/\/\/nonexistent\/pony-build\/missing\.git \S+` failed with exit status 128:\nfatal: '\/nonexistent/);
  t.deepEqual(outcome.skipped, ['read file']);
  t.is(outcome.results.length, 2);
  t.false(existsSync(outcome.clientInfo.tempdir as string));
  t.deepEqual(outcome.events.filter((event) => event.type === 'context:exit'), [{ type: 'context:exit', name: 'temp dir' }]);
});

test('a ref the repository does not have is named in the failure', async (t) => {
  const source = await makeGitRepository(t);
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), gitCheckout({ url: source.url, ref: 'no-such-branch' })], steps: [readFile] });
  t.false(outcome.clientInfo.success);
  t.like(outcome.results.at(-1), { name: 'enter git checkout', errout: `git checkout: \`no-such-branch\` is not a branch, tag or commit of ${source.url}\n` });
  t.deepEqual(outcome.skipped, ['read file']);
  t.false(existsSync(outcome.clientInfo.tempdir as string));
});

test('interrupting a step after the checkout leaves every context and removes the temp dir', async (t) => {
  const source = await makeGitRepository(t);
  const controller = new AbortController();
  const outcome = await runWithContexts(t, {
    env: makeCacheEnv(t),
    signal: controller.signal,
    contexts: [tempDir(), gitCheckout({ url: source.url })],
    steps: [build(['node', forever], { name: 'forever' }), readFile],
    consumers: [(event) => void (event.type === 'step:output' && event.text.startsWith('ready') && controller.abort())],
  });
  t.true(outcome.interrupted);
  t.like(outcome.results.at(-1), { name: 'forever', termination: 'interrupted' });
  t.deepEqual(outcome.skipped, ['read file']);
  t.deepEqual(outcome.events.flatMap((event) => (event.type === 'context:exit' ? [event.name] : [])), ['git checkout', 'temp dir']);
  t.false(existsSync(outcome.clientInfo.tempdir as string));
});

test('interrupting a slow clone kills git, records the interruption and removes the temp dir and the half-made cache', async (t) => {
  const controller = new AbortController();
  const env = { ...makeCacheEnv(t), PATH: `${slowGitDirectory}${path.delimiter}${process.env.PATH}` };
  const outcome = await runWithContexts(t, {
    env,
    signal: controller.signal,
    contexts: [tempDir(), gitCheckout({ url: 'https://example.org/slow.git' })],
    steps: [readFile],
    consumers: [(event) => void (event.type === 'step:output' && event.text.startsWith('pretending to clone') && controller.abort())],
  });
  t.true(outcome.interrupted);
  // Killed, not left to finish its sleep of 60 s.
  t.like(outcome.results[0], { type: 'setup', termination: 'interrupted', signal: 'SIGTERM' });
  t.regex(outcome.results[1].errout, /^git checkout: `git clone --bare -- https:\/\/example\.org\/slow\.git \S+` was interrupted\n$/);
  t.deepEqual(outcome.skipped, ['read file']);
  t.false(existsSync(outcome.clientInfo.tempdir as string));
  t.deepEqual(readdirSync(path.join(env.PONY_BUILD_CACHE, 'git')), []);
});

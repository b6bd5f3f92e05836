import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { getCheckoutRevision, hgCheckout, tempDir } from '../../contexts/index.ts';
import { getCachePath } from '../../contexts/checkout/cache-path.ts';
import { build } from '../../runner/steps/step-spec.ts';
import { makeCacheEnv, makeHgRepository } from './repositories.ts';
import { listCommands, runWithContexts } from './run-with-contexts.ts';

const readFile = build(['cat', 'file'], { name: 'read file' });
// `hg id -nib`: short node, local revision number, branch.
const versionInfoPattern = (node: string) => new RegExp(`^${node.slice(0, 12)} \\d+ default$`);

test('checks out the tip of the default branch through a cached clone', async (t) => {
  const source = await makeHgRepository(t);
  const env = makeCacheEnv(t);
  const outcome = await runWithContexts(t, { env, contexts: [tempDir(), hgCheckout({ url: source.url })], steps: [readFile] });
  t.true(outcome.clientInfo.success);
  t.is(outcome.results.at(-1)?.output, 'two\n');
  t.like(outcome.checkoutStep, { type: 'setup', status: 0, version_type: 'hg', command: ['hg', 'update'] });
  t.regex(outcome.checkoutStep?.version_info as string, versionInfoPattern(source.revisions.second));
  t.deepEqual(outcome.endedSteps.filter((step) => step.version_type !== undefined), [outcome.checkoutStep!], 'step:end carries the version');
  t.like(outcome.clientInfo, { vcs: 'hg', revision: source.revisions.second, repository: source.url });
  t.is(getCheckoutRevision(outcome.clientInfo), source.revisions.second);
  t.true(existsSync(path.join(getCachePath(env, 'hg', source.url), '.hg')));
});

test('checks out a tag or a changeset id', async (t) => {
  const source = await makeHgRepository(t);
  for (const ref of ['v1', source.revisions.first, source.revisions.first.slice(0, 12)]) {
    const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), hgCheckout({ url: source.url, ref })], steps: [readFile] });
    t.is(outcome.results.at(-1)?.output, 'one\n', ref);
    t.like(outcome.checkoutStep, { version_type: 'hg', command: ['hg', 'update', '-r', ref] });
    t.like(outcome.clientInfo, { vcs: 'hg', revision: source.revisions.first, ref });
  }
});

test('the checkout pulls from the real repository, not from the cache', async (t) => {
  const source = await makeHgRepository(t);
  const outcome = await runWithContexts(t, {
    env: makeCacheEnv(t),
    contexts: [tempDir(), hgCheckout({ url: source.url })],
    steps: [build(['hg', 'paths', 'default'], { env: { HGPLAIN: '1' } })],
  });
  t.is(outcome.results.at(-1)?.output, `${source.url}\n`);
});

test('checks out straight from the repository when the cache is off', async (t) => {
  const source = await makeHgRepository(t);
  const env = makeCacheEnv(t);
  const outcome = await runWithContexts(t, { env, contexts: [tempDir(), hgCheckout({ url: source.url, ref: 'v1', cache: false })], steps: [readFile] });
  t.is(outcome.results.at(-1)?.output, 'one\n');
  t.deepEqual(listCommands(outcome.results), [`hg clone -U -- ${source.url} ${path.join(outcome.clientInfo.tempdir as string, 'hello')}`, 'hg update -r v1', 'cat file']);
  t.deepEqual(readdirSync(env.PONY_BUILD_CACHE), []);
});

test('a second checkout pulls into the cache instead of cloning the repository again', async (t) => {
  const source = await makeHgRepository(t);
  const env = makeCacheEnv(t);
  const cachePath = getCachePath(env, 'hg', source.url);
  const first = await runWithContexts(t, { env, contexts: [tempDir(), hgCheckout({ url: source.url })], steps: [readFile] });
  t.deepEqual(listCommands(first.results).slice(0, 1), [`hg clone -U -- ${source.url} ${cachePath}.partial-${process.pid}`]);
  const third = await source.commit('third', 'three');
  const second = await runWithContexts(t, { env, contexts: [tempDir(), hgCheckout({ url: source.url })], steps: [readFile] });
  const target = path.join(second.clientInfo.tempdir as string, 'hello');
  t.deepEqual(listCommands(second.results), ['hg pull', `hg clone -U -- ${cachePath} ${target}`, 'hg update', 'cat file']);
  t.regex(second.results[0].output, /added 1 changesets/);
  t.is(second.results.at(-1)?.output, 'three\n');
  t.is(second.clientInfo.revision, third);
});

test('a URL that is not a repository fails with hg\'s message, skips the steps and removes the temp dir', async (t) => {
  const url = 'file:///nonexistent/pony-build/hg-repository';
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), hgCheckout({ url })], steps: [readFile] });
  t.false(outcome.clientInfo.success);
  const [clone, failure] = outcome.results;
  t.like(clone, { type: 'setup', status: 255 });
  t.regex(clone.errout, /abort: repository \/nonexistent\/pony-build\/hg-repository not found/);
  t.regex(failure.errout, /^hg checkout: `hg clone -U -- file:\/\/\/nonexistent\/pony-build\/hg-repository \S+` failed with exit status 255:\n/);
  t.deepEqual(outcome.skipped, ['read file']);
  t.false(existsSync(outcome.clientInfo.tempdir as string));
});

test('a ref the repository does not have fails the update step with hg\'s message', async (t) => {
  const source = await makeHgRepository(t);
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), hgCheckout({ url: source.url, ref: 'nosuchtag' })], steps: [readFile] });
  t.like(outcome.results.at(-2), { command: ['hg', 'update', '-r', 'nosuchtag'], status: 255 });
  t.regex(outcome.results.at(-2)!.errout, /unknown revision 'nosuchtag'/);
  t.deepEqual(outcome.skipped, ['read file']);
});

import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { getCheckoutRevision, svnCheckout, tempDir } from '../../contexts/index.ts';
import { getCachePath } from '../../contexts/checkout/cache-path.ts';
import { build } from '../../runner/steps/step-spec.ts';
import { makeCacheEnv, makeSvnRepository } from './repositories.ts';
import { listCommands, runWithContexts } from './run-with-contexts.ts';

const readFile = build(['cat', 'file'], { name: 'read file' });
const failingSvnversionDirectory = new URL('../fixtures/contexts/failing-svnversion/', import.meta.url).pathname;

test('checks out the newest revision by default, through a cached working copy', async (t) => {
  const source = await makeSvnRepository(t);
  const env = makeCacheEnv(t);
  const outcome = await runWithContexts(t, { env, contexts: [tempDir(), svnCheckout({ url: source.url })], steps: [readFile] });
  t.true(outcome.clientInfo.success);
  t.is(outcome.results.at(-1)?.output, 'two\n');
  t.like(outcome.checkoutStep, { type: 'setup', status: 0, version_type: 'svn', version_info: source.revisions.second });
  t.is((outcome.checkoutStep?.command as string[])[1], 'checkout');
  t.deepEqual(outcome.endedSteps.filter((step) => step.version_type !== undefined), [outcome.checkoutStep!], 'step:end carries the version');
  t.like(outcome.clientInfo, { vcs: 'svn', revision: source.revisions.second, repository: source.url });
  t.is(outcome.clientInfo.ref, undefined);
  t.is(getCheckoutRevision(outcome.clientInfo), '2');
  t.true(existsSync(path.join(getCachePath(env, 'svn', source.url), '.svn')));
});

test('checks out the revision asked for, given as a number or a string', async (t) => {
  const source = await makeSvnRepository(t);
  for (const revision of [1, '1']) {
    const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), svnCheckout({ url: source.url, revision })], steps: [readFile] });
    t.is(outcome.results.at(-1)?.output, 'one\n');
    t.like(outcome.checkoutStep, { version_type: 'svn', version_info: '1' });
    t.like(outcome.clientInfo, { vcs: 'svn', revision: '1', ref: '1' });
  }
});

test('checks out straight from the repository when the cache is off', async (t) => {
  const source = await makeSvnRepository(t);
  const env = makeCacheEnv(t);
  const outcome = await runWithContexts(t, { env, contexts: [tempDir(), svnCheckout({ url: source.url, revision: 1, cache: false })], steps: [readFile] });
  t.is(outcome.results.at(-1)?.output, 'one\n');
  t.deepEqual(listCommands(outcome.results), [`svn checkout --non-interactive -r 1 -- ${source.url} ${path.join(outcome.clientInfo.tempdir as string, 'hello')}`, 'cat file']);
  t.deepEqual(readdirSync(env.PONY_BUILD_CACHE), []);
});

test('a second checkout updates the cached working copy and copies it, without checking out again', async (t) => {
  const source = await makeSvnRepository(t);
  const env = makeCacheEnv(t);
  const cachePath = getCachePath(env, 'svn', source.url);
  const first = await runWithContexts(t, { env, contexts: [tempDir(), svnCheckout({ url: source.url })], steps: [readFile] });
  t.true(first.clientInfo.success);
  const third = await source.commit('third', 'three');
  const second = await runWithContexts(t, { env, contexts: [tempDir(), svnCheckout({ url: source.url })], steps: [readFile] });
  const target = path.join(second.clientInfo.tempdir as string, 'hello');
  t.deepEqual(listCommands(second.results), ['svn update --non-interactive', `cp -a ${cachePath} ${target}`, 'cat file']);
  t.is(second.checkoutStep, second.results[0]);
  t.like(second.endedSteps[0], { version_type: 'svn', version_info: third }, 'step:end carries the version');
  t.regex(second.results[0].output, new RegExp(`Updated to revision ${third}`));
  t.is(second.results.at(-1)?.output, 'three\n');
  t.like(second.clientInfo, { revision: third });
});

test('a URL that is not a repository fails with svn\'s message, skips the steps and removes the temp dir', async (t) => {
  const url = 'file:///nonexistent/pony-build/svn-repository';
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), svnCheckout({ url })], steps: [readFile] });
  t.false(outcome.clientInfo.success);
  const [checkout, failure] = outcome.results;
  t.like(checkout, { type: 'setup', status: 1 });
  t.regex(checkout.errout, /svn: E\d+: Unable to connect to a repository at URL 'file:\/\/\/nonexistent/);
  t.regex(failure.errout, /^svn checkout: `svn checkout --non-interactive -- file:\/\/\/nonexistent\/pony-build\/svn-repository \S+` failed with exit status 1:\n/);
  t.deepEqual(outcome.skipped, ['read file']);
  t.false(existsSync(outcome.clientInfo.tempdir as string));
});

test('a version that cannot be read fails the checkout, naming the command and quoting what it said', async (t) => {
  const source = await makeSvnRepository(t);
  const env = { ...makeCacheEnv(t), PATH: `${failingSvnversionDirectory}${path.delimiter}${process.env.PATH}` };
  const outcome = await runWithContexts(t, { env, contexts: [tempDir(), svnCheckout({ url: source.url, cache: false })], steps: [readFile] });
  t.false(outcome.clientInfo.success);
  const [checkout, failure] = outcome.results;
  t.like(checkout, { type: 'setup', status: 0, version_type: undefined });
  t.deepEqual(outcome.endedSteps, outcome.results, 'each step ended once, as recorded');
  t.like(failure, {
    name: 'enter svn checkout',
    status: -1,
    errout: 'svn checkout: `svnversion` exited with status 1; its output ends with:\n  svnversion: E155007: cannot read this working copy on purpose\n',
  });
  t.deepEqual(outcome.skipped, ['read file']);
  t.false(existsSync(outcome.clientInfo.tempdir as string));
});

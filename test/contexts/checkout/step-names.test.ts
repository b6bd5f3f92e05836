// A checkout's steps are named for what they did, never with the temp or cache paths their
// commands hold, so names read the same from run to run and the terminal stays narrow.
import test, { type ExecutionContext } from 'ava';
import { gitCheckout, hgCheckout, svnCheckout, tempDir } from '../../../contexts/index.ts';
import type { BuildContext } from '../../../runner/index.ts';
import { build } from '../../../runner/steps/step-spec.ts';
import { makeCacheEnv, makeGitRepository, makeHgRepository, makeSvnRepository } from '../repositories.ts';
import { runWithContexts } from '../run-with-contexts.ts';

const readFile = build(['cat', 'file'], { name: 'read file' });

async function listStepNames(t: ExecutionContext, env: Record<string, string>, checkout: BuildContext): Promise<string[]> {
  const outcome = await runWithContexts(t, { env, contexts: [tempDir(), checkout], steps: [readFile] });
  t.true(outcome.clientInfo.success);
  const started = outcome.events.flatMap((event) => (event.type === 'step:start' ? [event.name] : []));
  const ended = outcome.endedSteps.map((step) => step.name);
  for (const name of [...started, ...ended]) {
    t.false(name.includes(env.PONY_BUILD_CACHE!), `no cache path in ${name}`);
    t.false(name.includes(String(outcome.clientInfo.tempdir)), `no temp path in ${name}`);
  }
  // The header is shown before the revision is known; the step's end says which one it got.
  t.deepEqual(started, ended.map((name) => name.replace(/ @ \S+$/, '')));
  return ended;
}

test('git: the cache steps, the clone and the checkout with its short sha', async (t) => {
  const source = await makeGitRepository(t);
  const env = makeCacheEnv(t);
  const short = (name: string) => source.revisions[name]!.slice(0, 7);
  t.deepEqual(await listStepNames(t, env, gitCheckout({ url: source.url, ref: 'main' })), [
    `git clone ${source.url} into the cache`,
    `git checkout main @ ${short('second')}`,
    'read file',
  ]);
  t.deepEqual(await listStepNames(t, env, gitCheckout({ url: source.url, ref: source.revisions.first })), [
    `git fetch ${source.url} into the cache`,
    `git clone ${source.url}`,
    `git checkout ${source.revisions.first} @ ${short('first')}`,
    'read file',
  ]);
  t.deepEqual(await listStepNames(t, env, gitCheckout({ url: source.url, cache: false })), [
    `git checkout default branch @ ${short('second')}`,
    'read file',
  ]);
});

test('svn: the checkout with its revision, and the copy of the cached working copy', async (t) => {
  const source = await makeSvnRepository(t);
  const env = makeCacheEnv(t);
  t.deepEqual(await listStepNames(t, env, svnCheckout({ url: source.url })), [
    'svn checkout HEAD @ r2',
    `copy the cached working copy of ${source.url}`,
    'read file',
  ]);
  t.deepEqual(await listStepNames(t, env, svnCheckout({ url: source.url, revision: 1, cache: false })), [
    'svn checkout 1 @ r1',
    'read file',
  ]);
});

test('hg: the cache steps, the clone and the checkout with its short node', async (t) => {
  const source = await makeHgRepository(t);
  const env = makeCacheEnv(t);
  const short = (name: string) => source.revisions[name]!.slice(0, 12);
  t.deepEqual(await listStepNames(t, env, hgCheckout({ url: source.url })), [
    `hg clone ${source.url} into the cache`,
    `hg clone ${source.url}`,
    `hg checkout default @ ${short('second')}`,
    'read file',
  ]);
  t.deepEqual(await listStepNames(t, env, hgCheckout({ url: source.url, ref: 'v1' })), [
    `hg pull ${source.url} into the cache`,
    `hg clone ${source.url}`,
    `hg checkout v1 @ ${short('first')}`,
    'read file',
  ]);
});

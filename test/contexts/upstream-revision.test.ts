// A checkout tells the revision it would check out before any clone, asking the repository
// itself; it is the revision the checkout then records, so the server can compare the two.
import test from 'ava';
import { gitCheckout, hgCheckout, svnCheckout, tempDir } from '../../contexts/index.ts';
import { build } from '../../runner/steps/step-spec.ts';
import { makeCacheEnv, makeGitRepository, makeHgRepository, makeSvnRepository } from './repositories.ts';
import { runWithContexts } from './run-with-contexts.ts';

const neverAborted = new AbortController().signal;
const readFile = build(['cat', 'file'], { name: 'read file' });

test('git: the default branch, a branch, an annotated tag and a full sha, as the checkout records them', async (t) => {
  const source = await makeGitRepository(t);
  const { first, feature, second } = source.revisions;
  const cases: Array<[string | undefined, string]> = [[undefined, second!], ['feature', feature!], ['v1', first!], [first!, first!]];
  for (const [ref, expected] of cases) {
    const context = gitCheckout({ url: source.url, ref });
    t.is(await context.readUpstreamRevision!(process.env, neverAborted), expected, `ref ${ref}`);
  }
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), gitCheckout({ url: source.url })], steps: [readFile] });
  t.is(outcome.clientInfo.revision, second);
});

test('git: a new commit changes the answer; an abbreviated sha or an unknown branch cannot be told', async (t) => {
  const source = await makeGitRepository(t);
  const third = await source.commit('third', 'three');
  t.is(await gitCheckout({ url: source.url }).readUpstreamRevision!(process.env, neverAborted), third);
  t.is(await gitCheckout({ url: source.url, ref: third.slice(0, 10) }).readUpstreamRevision!(process.env, neverAborted), undefined);
  t.is(await gitCheckout({ url: source.url, ref: 'no-such-branch' }).readUpstreamRevision!(process.env, neverAborted), undefined);
});

test('git: an unreachable repository is an error that names the command', async (t) => {
  const context = gitCheckout({ url: 'file:///nonexistent/pony-build/repository.git' });
  const error = await t.throwsAsync(context.readUpstreamRevision!(process.env, neverAborted));
  t.regex(error!.message, /`git ls-remote -- file:\/\/\/nonexistent\/pony-build\/repository\.git HEAD` exited with status \d+/);
});

test('svn: the last changed revision of the URL, as the checkout records it', async (t) => {
  const source = await makeSvnRepository(t);
  const context = svnCheckout({ url: source.url });
  t.is(await context.readUpstreamRevision!(process.env, neverAborted), source.revisions.second);
  t.is(await svnCheckout({ url: source.url, revision: 1 }).readUpstreamRevision!(process.env, neverAborted), '1');
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), svnCheckout({ url: source.url })], steps: [readFile] });
  t.is(outcome.clientInfo.revision, source.revisions.second);
});

test('hg: the full node of the default branch or a tag, as the checkout records it', async (t) => {
  const source = await makeHgRepository(t);
  t.is(await hgCheckout({ url: source.url }).readUpstreamRevision!(process.env, neverAborted), source.revisions.second);
  t.is(await hgCheckout({ url: source.url, ref: 'v1' }).readUpstreamRevision!(process.env, neverAborted), source.revisions.first);
  const outcome = await runWithContexts(t, { env: makeCacheEnv(t), contexts: [tempDir(), hgCheckout({ url: source.url, ref: 'v1' })], steps: [readFile] });
  t.is(outcome.clientInfo.revision, source.revisions.first);
});

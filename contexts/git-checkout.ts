// The original's GitClone, as a context with a local cache of clones.
//
// The commands that fetch, clone and check out run as recorded setup steps (argv arrays via
// `scope.runStep`): that way the report shows the exact command and everything git printed,
// output streams live to the terminal, a timeout or Ctrl-C kills the whole process tree like
// any step's, and a failed clone looks like any failed step. What those commands left behind
// (refs, revision, subject) is read, and local config written, by short unrecorded git
// commands (see git/read-git.ts), which print nothing worth reporting.
import { pathToFileURL } from 'node:url';
import { ContextError, type BuildContext } from '../runner/index.ts';
import { checkBoolean, checkDirectory, checkRevisionName, checkUrl, type CheckoutOptions, type OptionCheck } from './checkout/checkout-options.ts';
import { createCheckoutContext, type CheckoutRequest } from './checkout/create-checkout-context.ts';
import { runCheckoutStep } from './checkout/run-checkout-step.ts';
import { GIT_STEP_ENV } from './git/git-step-env.ts';
import { readGit } from './git/read-git.ts';
import { readGitRevision, readGitUpstreamRevision } from './git/read-git-revision.ts';
import { looksLikeCommit, resolveGitRef, type ResolvedRef } from './git/resolve-git-ref.ts';
import { updateGitCache } from './git/update-git-cache.ts';

export interface GitCheckoutOptions extends CheckoutOptions {
  /** A branch, a tag or a commit sha; default the remote's default branch. */
  ref?: string;
  /** Check out only the newest commit (`--depth=1`); a ref that is a commit is still fetched whole. */
  shallow?: boolean;
}

const checkGitRef: OptionCheck = (value) => (typeof value === 'number' ? 'a string' : checkRevisionName(value));

export function gitCheckout(options: GitCheckoutOptions): BuildContext {
  return createCheckoutContext<GitCheckoutOptions>(
    {
      vcs: 'git',
      constructorName: 'gitCheckout',
      optionChecks: { url: checkUrl, ref: checkGitRef, shallow: checkBoolean, directory: checkDirectory, cache: checkBoolean },
      getRequestedRef: (given) => given.ref,
      defaultRefName: 'default branch',
      shortenRevision: (sha) => sha.slice(0, 7),
      checkOut: (request) => (request.cachePath === undefined ? checkOutFromRemote(request) : checkOutFromCache(request, request.cachePath)),
      readRevision: readGitRevision,
      readUpstreamRevision: readGitUpstreamRevision,
    },
    options,
  );
}

async function checkOutFromCache(request: CheckoutRequest<GitCheckoutOptions>, cachePath: string): Promise<void> {
  const { scope, contextName, options, target } = request;
  await updateGitCache(scope, contextName, options.url, cachePath);
  const resolved = await resolveGitRef(scope, cachePath, options.ref);
  if (resolved === undefined) {
    throw new ContextError(contextName, `\`${options.ref}\` is not a branch, tag or commit of ${options.url}`);
  }
  // A depth-1 clone holds only branch tips, and `--depth` is ignored for plain local paths.
  const source = options.shallow && resolved.kind !== 'commit' ? pathToFileURL(cachePath).href : cachePath;
  await cloneAndCheckOut(request, source, resolved);
  await readGit(scope, target, ['remote', 'set-url', 'origin', options.url]);
}

function checkOutFromRemote(request: CheckoutRequest<GitCheckoutOptions>): Promise<void> {
  const ref = request.options.ref;
  const resolved: ResolvedRef =
    ref === undefined ? { kind: 'default' } : looksLikeCommit(ref) ? { kind: 'commit', sha: ref } : { kind: 'branch', name: ref };
  return cloneAndCheckOut(request, request.options.url, resolved);
}

// `--branch` takes a branch or a tag; a commit is cloned whole and checked out detached.
async function cloneAndCheckOut(request: CheckoutRequest<GitCheckoutOptions>, source: string, resolved: ResolvedRef): Promise<void> {
  const { scope, contextName, options, target } = request;
  if (resolved.kind === 'commit') {
    const name = `git clone ${options.url}`;
    await runCheckoutStep(scope, contextName, ['git', 'clone', '--no-checkout', '--', source, target], { name, env: GIT_STEP_ENV });
    await request.runRevisionStep(['git', 'checkout', '--detach', resolved.sha], { cwd: target, env: GIT_STEP_ENV });
    return;
  }
  const depth = options.shallow ? ['--depth=1'] : [];
  const branch = resolved.kind === 'default' ? [] : ['--branch', resolved.name];
  await request.runRevisionStep(['git', 'clone', ...depth, ...branch, '--', source, target], { env: GIT_STEP_ENV });
}

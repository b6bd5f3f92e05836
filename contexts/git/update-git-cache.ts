// The cache is a bare repository whose branches mirror the remote's, so `git fetch --prune`
// keeps it an exact copy and a rebuild downloads only new objects.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ContextScope } from '../../runner/index.ts';
import { createCacheAtomically } from '../checkout/cached-working-copy.ts';
import { runCheckoutStep } from '../checkout/run-checkout-step.ts';
import { GIT_STEP_ENV } from './git-step-env.ts';
import { isGitRefusal, readGit } from './read-git.ts';

export async function updateGitCache(scope: ContextScope, contextName: string, url: string, cachePath: string): Promise<void> {
  if (await isUsableCache(scope, cachePath)) {
    const name = `git fetch ${url} into the cache`;
    await runCheckoutStep(scope, contextName, ['git', 'fetch', '--prune', '--tags', 'origin'], { name, cwd: cachePath, env: GIT_STEP_ENV });
    return;
  }
  await createCacheAtomically(cachePath, async (partialPath) => {
    const name = `git clone ${url} into the cache`;
    await runCheckoutStep(scope, contextName, ['git', 'clone', '--bare', '--', url, partialPath], { name, env: GIT_STEP_ENV });
    // A bare clone has no fetch refspec; this one makes later fetches update every branch.
    await readGit(scope, partialPath, ['config', 'remote.origin.fetch', '+refs/heads/*:refs/heads/*']);
  });
}

// A cache whose first clone was cut short may lack HEAD or pass for another repository's
// subdirectory; either way it is made again. Only a timeout or Ctrl-C stops the checkout.
async function isUsableCache(scope: ContextScope, cachePath: string): Promise<boolean> {
  try {
    await stat(path.join(cachePath, 'HEAD'));
  } catch {
    return false;
  }
  try {
    const gitDirectory = await readGit(scope, cachePath, ['rev-parse', '--absolute-git-dir']);
    return gitDirectory === (await realpath(cachePath));
  } catch (error) {
    if (isGitRefusal(error)) {
      return false;
    }
    throw error;
  }
}

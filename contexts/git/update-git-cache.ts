// The cache is a bare repository whose branches mirror the remote's, so `git fetch --prune`
// keeps it an exact copy and a rebuild downloads only new objects.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ContextScope } from '../../runner/context.ts';
import { createCacheAtomically } from '../checkout/cached-working-copy.ts';
import { runCheckoutStep } from '../checkout/run-checkout-step.ts';
import { GIT_STEP_ENV } from './git-step-env.ts';
import { openRepository } from './open-repository.ts';

export async function updateGitCache(scope: ContextScope, contextName: string, url: string, cachePath: string): Promise<void> {
  if (await isUsableCache(scope, cachePath)) {
    await runCheckoutStep(scope, contextName, ['git', 'fetch', '--prune', '--tags', 'origin'], { cwd: cachePath, env: GIT_STEP_ENV });
    return;
  }
  await createCacheAtomically(cachePath, async (partialPath) => {
    await runCheckoutStep(scope, contextName, ['git', 'clone', '--bare', '--', url, partialPath], { env: GIT_STEP_ENV });
    // A bare clone has no fetch refspec; this one makes later fetches update every branch.
    await openRepository(partialPath, scope).addConfig('remote.origin.fetch', '+refs/heads/*:refs/heads/*');
  });
}

async function isUsableCache(scope: ContextScope, cachePath: string): Promise<boolean> {
  try {
    await stat(path.join(cachePath, 'HEAD'));
    const gitDirectory = (await openRepository(cachePath, scope).raw(['rev-parse', '--absolute-git-dir'])).trim();
    return gitDirectory === (await realpath(cachePath));
  } catch {
    return false;
  }
}

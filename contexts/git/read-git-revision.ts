// The original reported `git log -1 --pretty=oneline` as version_info; it stays, since old
// servers show it, and the full sha alone becomes the revision for change detection.
import type { ContextScope } from '../../runner/index.ts';
import type { Revision } from '../checkout/create-checkout-context.ts';
import { readGit } from './read-git.ts';

export async function readGitRevision(scope: ContextScope, directory: string): Promise<Revision> {
  const versionInfo = await readGit(scope, directory, ['log', '-1', '--pretty=oneline']);
  const revision = await readGit(scope, directory, ['rev-parse', 'HEAD']);
  return { revision, versionInfo };
}

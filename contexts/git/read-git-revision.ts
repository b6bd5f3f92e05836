// The original reported `git log -1 --pretty=oneline` as version_info; it stays, since old
// servers show it, and the full sha alone becomes the revision for change detection.
import type { SimpleGit } from 'simple-git';

export interface GitRevision {
  revision: string;
  versionInfo: string;
}

export async function readGitRevision(repository: SimpleGit): Promise<GitRevision> {
  const versionInfo = (await repository.raw(['log', '-1', '--pretty=oneline'])).trim();
  const revision = (await repository.revparse(['HEAD'])).trim();
  return { revision, versionInfo };
}

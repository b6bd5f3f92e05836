// A revision links to its commit when the configuration says where a repository's commits are.
import { REVISION_PLACEHOLDER, type CommitLink } from '../config/types.ts';

/** The first link whose repository is this one, or a prefix of it ending in `/`; undefined for none. */
export function findCommitUrl(links: readonly CommitLink[], repository: string, revision: string): string | undefined {
  const link = links.find((candidate) =>
    candidate.repository === repository || (candidate.repository.endsWith('/') && repository.startsWith(candidate.repository)));
  return link?.url.replaceAll(REVISION_PLACEHOLDER, encodeURIComponent(revision));
}

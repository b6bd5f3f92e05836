// Decides what a `ref` names in the cache: a branch wins over a tag of the same name (as in
// `git clone --branch`), and anything else must be a commit the cache already holds.
import type { SimpleGit } from 'simple-git';

export type ResolvedRef =
  | { kind: 'default' }
  | { kind: 'branch' | 'tag'; name: string }
  | { kind: 'commit'; sha: string };

export async function resolveGitRef(repository: SimpleGit, ref: string | undefined): Promise<ResolvedRef | undefined> {
  if (ref === undefined) {
    return { kind: 'default' };
  }
  const branch = `refs/heads/${ref}`;
  const tag = `refs/tags/${ref}`;
  // for-each-ref also matches `refs/heads/<ref>/...`, so only exact names count.
  const found = (await repository.raw(['for-each-ref', '--format=%(refname)', branch, tag])).split('\n');
  if (found.includes(branch)) {
    return { kind: 'branch', name: ref };
  }
  if (found.includes(tag)) {
    return { kind: 'tag', name: ref };
  }
  const sha = await readCommitSha(repository, ref);
  return sha === undefined ? undefined : { kind: 'commit', sha };
}

async function readCommitSha(repository: SimpleGit, ref: string): Promise<string | undefined> {
  try {
    const sha = (await repository.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** Without a cache to look in, a ref that looks like an abbreviated or full sha is taken as one. */
export function looksLikeCommit(ref: string): boolean {
  return /^[0-9a-f]{7,64}$/i.test(ref);
}

// Decides what a `ref` names in the cache: a branch wins over a tag of the same name (as in
// `git clone --branch`), and anything else must be a commit the cache already holds.
import type { ContextScope } from '../../runner/index.ts';
import { isGitRefusal, readGit } from './read-git.ts';

export type ResolvedRef =
  | { kind: 'default' }
  | { kind: 'branch' | 'tag'; name: string }
  | { kind: 'commit'; sha: string };

/** What `ref` names in the repository at `directory`; undefined when it names nothing there. */
export async function resolveGitRef(scope: ContextScope, directory: string, ref: string | undefined): Promise<ResolvedRef | undefined> {
  if (ref === undefined) {
    return { kind: 'default' };
  }
  const branch = `refs/heads/${ref}`;
  const tag = `refs/tags/${ref}`;
  // for-each-ref also matches `refs/heads/<ref>/...`, so only exact names count.
  const found = (await readGit(scope, directory, ['for-each-ref', '--format=%(refname)', branch, tag])).split('\n');
  if (found.includes(branch)) {
    return { kind: 'branch', name: ref };
  }
  if (found.includes(tag)) {
    return { kind: 'tag', name: ref };
  }
  const sha = await readCommitSha(scope, directory, ref);
  return sha === undefined ? undefined : { kind: 'commit', sha };
}

async function readCommitSha(scope: ContextScope, directory: string, ref: string): Promise<string | undefined> {
  try {
    const sha = await readGit(scope, directory, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch (error) {
    // `--verify --quiet` says "no such commit" by its exit status; a timeout is not an answer.
    if (isGitRefusal(error)) {
      return undefined;
    }
    throw error;
  }
}

/** Without a cache to look in, a ref that looks like an abbreviated or full sha is taken as one. */
export function looksLikeCommit(ref: string): boolean {
  return /^[0-9a-f]{7,64}$/i.test(ref);
}

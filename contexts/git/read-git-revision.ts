// The original reported `git log -1 --pretty=oneline` as version_info; it stays, since old
// servers show it, and the full sha alone becomes the revision for change detection.
import type { ContextScope } from '../../runner/index.ts';
import type { Revision, UpstreamRead } from '../checkout/create-checkout-context.ts';
import { GIT_STEP_ENV } from './git-step-env.ts';
import { readGit } from './read-git.ts';

export async function readGitRevision(scope: ContextScope, directory: string): Promise<Revision> {
  const versionInfo = await readGit(scope, directory, ['log', '-1', '--pretty=oneline']);
  const revision = await readGit(scope, directory, ['rev-parse', 'HEAD']);
  return { revision, versionInfo };
}

/**
 * `git ls-remote` names the commit a branch or tag points at without fetching anything. A
 * full sha is its own answer; an abbreviated one cannot be told without the history.
 */
export async function readGitUpstreamRevision(options: { url: string; ref?: string }, read: UpstreamRead): Promise<string | undefined> {
  const { url, ref } = options;
  if (ref !== undefined && /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(ref)) {
    return ref.toLowerCase();
  }
  const patterns = ref === undefined ? ['HEAD'] : [`refs/heads/${ref}`, `refs/tags/${ref}`, `refs/tags/${ref}^{}`];
  const listed = await read(['git', 'ls-remote', '--', url, ...patterns], { ...GIT_STEP_ENV, LC_ALL: 'C' });
  const refs = new Map(listed.split('\n').filter(Boolean).map((line) => {
    const [sha, name] = line.split('\t');
    return [name, sha] as const;
  }));
  // A branch wins over a tag of the same name, as it does for `git clone --branch`; an
  // annotated tag's peeled entry (`^{}`) names the commit rather than the tag object.
  const found = ref === undefined ? refs.get('HEAD') : refs.get(`refs/heads/${ref}`) ?? refs.get(`refs/tags/${ref}^{}`) ?? refs.get(`refs/tags/${ref}`);
  return found?.toLowerCase();
}

// One name per repository, whichever way it was written: a clone URL, an SSH address, the
// forge's web page or `owner/repo` itself. Commit statuses and push hooks both match on it.

// scp-like SSH: `git@github.com:owner/repo.git` (no scheme, a colon before the path).
const SCP_LIKE = /^[\w.-]+@[\w.-]+:(?!\/)(.+)$/;

/**
 * `owner/repo` (or `group/subgroup/repo`), lower case, without `.git` or a trailing slash; the
 * host is dropped. Undefined when the text names no repository path.
 */
export function normaliseRepository(text: string): string | undefined {
  const trimmed = text.trim();
  const path = readRepositoryPath(trimmed);
  if (path === undefined) {
    return undefined;
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.length > 0) {
    segments[segments.length - 1] = segments[segments.length - 1]!.replace(/\.git$/i, '');
  }
  const named = segments.filter((segment) => segment !== '');
  return named.length >= 2 ? named.join('/').toLowerCase() : undefined;
}

function readRepositoryPath(text: string): string | undefined {
  const scpLike = SCP_LIKE.exec(text);
  if (scpLike) {
    return scpLike[1];
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    // `owner/repo` as written in a configuration file.
    return /^[^\s:@]+\/[^\s:@]+$/.test(text) ? text : undefined;
  }
  try {
    return decodeURIComponent(new URL(text).pathname);
  } catch {
    return undefined;
  }
}

// CPython says which version a checkout is in Include/patchlevel.h; the branch asked for says
// which version it should be. Tags must be known before the build starts (the server is asked
// `check_should_build` with them), so the tag comes from the ref and the exact version from
// the header once checked out.

/** `#define PY_VERSION "3.14.0a1+"` gives `3.14.0a1+`; undefined when the header has no such line. */
export function parsePythonVersion(header: string): string | undefined {
  return /^\s*#\s*define\s+PY_VERSION\s+"([^"]+)"/m.exec(header)?.[1];
}

/**
 * The tag for a CPython ref: a version branch or release tag (`3.13`, `v3.12.4`) gives
 * `python3.13`, `main` gives `python-main`; anything else (a commit, a feature branch) none,
 * since it says nothing stable about the version.
 */
export function getPythonVersionTag(ref: string): string | undefined {
  const version = /^v?(\d+)\.(\d+)(?:\.\d+(?:(?:a|b|rc)\d+)?)?$/.exec(ref);
  if (version !== null) {
    return `python${version[1]}.${version[2]}`;
  }
  return ref === 'main' ? 'python-main' : undefined;
}

// A checkout's default directory comes from its URL, the way `git clone URL` names it, so
// `https://example.org/hello.git` lands in `hello` and two URLs rarely collide by accident.
const FALLBACK_NAME = 'checkout';

export function deriveDirectoryName(url: string): string {
  return readRepositoryName(url)?.replaceAll(/[^\w.-]+/g, '-') ?? FALLBACK_NAME;
}

/** The name `git clone` would give: the URL's last segment without `.git`; undefined when there is none. */
export function readRepositoryName(url: string): string | undefined {
  const withoutSuffixes = url.replace(/[?#].*$/, '').replace(/[/\\]+$/, '');
  const lastSegment = withoutSuffixes.split(/[/\\:]/).pop() ?? '';
  const name = lastSegment.replace(/\.git$/, '');
  return name === '' || /^\.+$/.test(name) ? undefined : name;
}

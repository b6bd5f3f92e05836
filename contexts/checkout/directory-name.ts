// A checkout's default directory comes from its URL, the way `git clone URL` names it, so
// `https://example.org/hello.git` lands in `hello` and two URLs rarely collide by accident.
const FALLBACK_NAME = 'checkout';

export function deriveDirectoryName(url: string): string {
  const withoutSuffixes = url.replace(/[?#].*$/, '').replace(/[/\\]+$/, '');
  const lastSegment = withoutSuffixes.split(/[/\\:]/).pop() ?? '';
  const name = lastSegment.replace(/\.git$/, '').replaceAll(/[^\w.-]+/g, '-');
  return name === '' || /^\.+$/.test(name) ? FALLBACK_NAME : name;
}

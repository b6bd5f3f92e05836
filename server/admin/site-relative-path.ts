// Where to go after signing in: `next` is followed only when it is a path of this site, so
// that a link to /login cannot send a freshly signed-in admin to another site.

/** `next` when it is a path under the base path, else the site's front page. */
export function readSiteRelativePath(next: string | null | undefined, basePath: string): string {
  const home = `${basePath}/`;
  if (!next || !next.startsWith(home) || next.startsWith('//') || /[\\\s\u0000-\u001f]/.test(next)) {
    return home;
  }
  return next;
}

// Background deliveries have no request to take a host from: links are built from public_url,
// and without it are site-root-relative paths (README "Notifications" says to set it).

/** `publicUrl` + `path`, or `path` alone when there is no public_url. */
export function makeSiteUrl(publicUrl: string | null, path: string): string {
  return `${publicUrl ?? ''}${path}`;
}

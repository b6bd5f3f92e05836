// A webhook URL as the delivery log and the server's log show it: no user info, query or
// fragment, where receivers often put their own secrets.

/** The URL's origin and path only. */
export function showUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(an unreadable URL)';
  }
}

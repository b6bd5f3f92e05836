// HTML built outside pug (feed descriptions and Atom titles, mail bodies) is rendered by feed
// readers and mail clients: every text that came from a client (package, tags, host, step and
// test names, messages) goes through here first. Pages need none of this: pug escapes.
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

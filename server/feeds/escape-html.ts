// Feed descriptions and Atom titles are HTML that readers render: every text that came from a
// client (package, tags, host, step and test names, messages) goes through here first.
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

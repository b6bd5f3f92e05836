/**
 * An `attachment` Content-Disposition for a (sanitized) file name: an ASCII fallback for old
 * clients plus the exact name as RFC 5987 `filename*`.
 */
export function formatAttachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (character) =>
    `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

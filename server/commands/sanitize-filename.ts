// An uploaded file's name comes from the client: it is a name to show and to suggest when
// downloading, never a path, so anything that could reach another directory is removed.

const FALLBACK_NAME = 'upload';
const MAX_NAME_LENGTH = 200;

/** Reduces a client-given name to a safe base name; never empty. */
export function sanitizeFilename(name: string): string {
  const baseName = name.split(/[/\\]/).pop() ?? '';
  const cleaned = baseName
    // Control characters (NUL included) cannot appear in a header or most file systems.
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^[\s.]+/, '')
    .trim();
  const shortened = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('');
  return shortened === '' ? FALLBACK_NAME : shortened;
}

const MAX_SHOWN_CHARACTERS = 120;

// Error messages quote the offending value and its kind, so a wrong option is found at a glance.
export function describeValue(value: unknown): string {
  return `\`${showValue(value)}\` (${getKind(value)})`;
}

function getKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function showValue(value: unknown): string {
  const shown = stringifyValue(value);
  return shown.length > MAX_SHOWN_CHARACTERS ? `${shown.slice(0, MAX_SHOWN_CHARACTERS)}...` : shown;
}

function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      // Circular structures cannot be serialized; their tag still says what they are.
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}

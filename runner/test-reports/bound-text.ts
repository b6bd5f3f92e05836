// A report can carry megabytes in one failure body or captured stream; the
// result keeps the start and the end of each, like the step's own output.

/** Characters kept of a message, details or output: the first and last halves. */
export const maxTextCharacters = 8192;
/** Characters kept of a name, suite or file path. */
export const maxNameCharacters = 1024;

export function formatCutMarker(characters: number): string {
  return `\n[... ${characters} characters cut by pony-build ...]\n`;
}

export function boundText(text: string, limit = maxTextCharacters): string {
  if (text.length <= limit) {
    return text;
  }
  const half = Math.floor(limit / 2);
  return `${text.slice(0, half)}${formatCutMarker(text.length - 2 * half)}${text.slice(text.length - half)}`;
}

/** Collects streamed text (an XML body, a YAML block) without ever holding more than about twice the limit. */
export class BoundedText {
  private head = '';
  private tail = '';
  private cut = 0;
  private readonly half: number;

  constructor(limit = maxTextCharacters) {
    this.half = Math.floor(limit / 2);
  }

  add(text: string): void {
    if (this.cut === 0 && this.tail === '' && this.head.length + text.length <= this.half * 2) {
      this.head += text;
      return;
    }
    if (this.tail === '' && this.cut === 0) {
      // First overflow: everything past the head's half moves to the tail.
      const joined = this.head + text;
      this.head = joined.slice(0, this.half);
      this.tail = joined.slice(this.half);
    } else {
      this.tail += text;
    }
    if (this.tail.length > this.half * 2) {
      this.cut += this.tail.length - this.half;
      this.tail = this.tail.slice(this.tail.length - this.half);
    }
  }

  get isEmpty(): boolean {
    return this.head === '' && this.tail === '';
  }

  toString(): string {
    if (this.cut === 0) {
      return boundText(this.head + this.tail, this.half * 2);
    }
    const overflow = this.tail.length - this.half;
    return `${this.head}${formatCutMarker(this.cut + Math.max(0, overflow))}${this.tail.slice(Math.max(0, overflow))}`;
  }
}

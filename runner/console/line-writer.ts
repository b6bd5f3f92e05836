// Writes a stream of chunks to a terminal stream whole lines at a time, so a
// step's stdout and stderr never splice into each other mid-line.
import type { Writable } from 'node:stream';

// A line longer than this is written anyway: a progress bar without newlines
// must still show up, and holding it would grow memory.
const maxHeldLength = 64 * 1024;

export class LineWriter {
  private held = '';
  private midLine = false;

  constructor(private readonly stream: Writable) {}

  write(text: string): void | Promise<void> {
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.held += text;
      return this.held.length > maxHeldLength ? this.writeHeld() : undefined;
    }
    const complete = this.held + text.slice(0, lastNewline + 1);
    this.held = text.slice(lastNewline + 1);
    this.midLine = false;
    return writeWithBackpressure(this.stream, complete);
  }

  /** Ends a partial last line so the next header starts on a line of its own. */
  flush(): void | Promise<void> {
    if (this.held === '' && !this.midLine) {
      return;
    }
    const text = `${this.held}\n`;
    this.held = '';
    this.midLine = false;
    return writeWithBackpressure(this.stream, text);
  }

  private writeHeld(): void | Promise<void> {
    const text = this.held;
    this.held = '';
    this.midLine = true;
    return writeWithBackpressure(this.stream, text);
  }
}

export function writeWithBackpressure(stream: Writable, text: string): void | Promise<void> {
  if (stream.write(text)) {
    return;
  }
  return new Promise((resolve) => stream.once('drain', resolve));
}

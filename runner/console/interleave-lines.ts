// Shows a step's stdout and stderr on the terminal as they come, without a line
// of one stream being cut in two by the other. Rather than splitting every chunk
// at its last newline (a copy of each chunk, and twice the garbage for a step
// that prints gigabytes), chunks are written whole while only one stream is
// talking; the other stream waits only while the first is in mid-line.
import type { Writable } from 'node:stream';
import type { OutputStream } from '../../wire/types.ts';
import { createTextWriter, type TextWriter } from './write-text.ts';

// A stream that never finishes its line (a progress bar) must not hold the other forever.
const maxWaitingLength = 64 * 1024;

export class LineInterleaver {
  /** The stream whose last write ended mid-line, if any. */
  private midLine: OutputStream | undefined;
  private readonly waiting: Record<OutputStream, string> = { output: '', errout: '' };
  private readonly writers: Record<OutputStream, TextWriter>;

  constructor(targets: Record<OutputStream, Writable>) {
    this.writers = { output: createTextWriter(targets.output), errout: createTextWriter(targets.errout) };
  }

  write(stream: OutputStream, text: string): void | Promise<void> {
    if (this.midLine !== undefined && this.midLine !== stream) {
      this.waiting[stream] += text;
      if (this.waiting[stream].length <= maxWaitingLength) {
        return;
      }
      this.endLine();
    }
    const written = this.writeWhole(stream, text);
    return this.midLine === undefined ? (this.releaseWaiting() ?? written) : written;
  }

  /** At a step's end: everything held is written and a partial last line is ended. */
  flush(): void {
    this.endLine();
    for (const stream of ['output', 'errout'] as const) {
      if (this.waiting[stream] !== '') {
        const text = this.waiting[stream];
        this.waiting[stream] = '';
        this.writeWhole(stream, text);
        this.endLine();
      }
    }
  }

  private writeWhole(stream: OutputStream, text: string): void | Promise<void> {
    this.midLine = text.endsWith('\n') ? undefined : stream;
    return this.writers[stream](text);
  }

  private endLine(): void {
    if (this.midLine !== undefined) {
      void this.writers[this.midLine]('\n');
      this.midLine = undefined;
    }
  }

  private releaseWaiting(): void | Promise<void> {
    for (const stream of ['output', 'errout'] as const) {
      if (this.waiting[stream] !== '' && this.midLine === undefined) {
        const text = this.waiting[stream];
        this.waiting[stream] = '';
        return this.writeWhole(stream, text);
      }
    }
  }
}

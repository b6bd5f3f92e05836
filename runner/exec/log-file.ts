import { writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { appendBytes } from './append-bytes.ts';

// Output is gathered and written in large pieces: once this much waits...
const LOG_BATCH_BYTES = 512 * 1024;
// ...or this long after the first byte waiting, so a quiet step's log is still current.
const LOG_DELAY_MS = 20;

// The complete output of a step, written as raw bytes in the order they arrive from either stream.
// Writes are synchronous, as node's own stdout to a file and tee's are: the bytes were just
// read on this thread, and writing them from here costs a fraction of handing each piece to
// another thread and back (for a step printing a gigabyte, a tenth of a second against half a
// second). A piece takes well under a millisecond to reach the page cache, so the wait blocks
// nothing for long, and while it lasts the child is held back, as a slow disk should hold it.
export class LogFile {
  readonly path: string;
  readonly #file: FileHandle;
  #waiting: Buffer = Buffer.allocUnsafe(LOG_BATCH_BYTES);
  #waitingBytes = 0;
  #delayTimer: NodeJS.Timeout | undefined;
  #writeError: Error | undefined;
  #isClosed = false;

  private constructor(path: string, file: FileHandle) {
    this.path = path;
    this.#file = file;
  }

  // Opened before the command starts, so a bad path fails the call instead of losing the log.
  static async open(path: string): Promise<LogFile> {
    try {
      return new LogFile(path, await open(path, 'w'));
    } catch (error) {
      throw new Error(`Could not open the \`logFile\` \`${path}\`: ${(error as Error).message}`, { cause: error });
    }
  }

  get writeError(): Error | undefined {
    return this.#writeError;
  }

  // Copies the chunk, so the caller may reuse it.
  write(chunk: Buffer): void {
    if (this.#writeError !== undefined || this.#isClosed) return;
    if (this.#waitingBytes + chunk.length > this.#waiting.length) this.#writeWaiting();
    this.#waiting = appendBytes(this.#waiting, this.#waitingBytes, chunk);
    this.#waitingBytes += chunk.length;
    if (this.#waitingBytes >= LOG_BATCH_BYTES) {
      this.#writeWaiting();
    } else {
      this.#delayTimer ??= setTimeout(() => this.#writeWaiting(), LOG_DELAY_MS);
    }
  }

  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#writeWaiting();
    this.#isClosed = true;
    try {
      await this.#file.close();
    } catch (error) {
      this.#writeError ??= error as Error;
    }
  }

  #writeWaiting(): void {
    clearTimeout(this.#delayTimer);
    this.#delayTimer = undefined;
    if (this.#waitingBytes === 0 || this.#writeError !== undefined) return;
    try {
      for (let offset = 0; offset < this.#waitingBytes;) {
        offset += writeSync(this.#file.fd, this.#waiting, offset, this.#waitingBytes - offset);
      }
    } catch (error) {
      this.#writeError = error as Error;
    }
    this.#waitingBytes = 0;
  }
}

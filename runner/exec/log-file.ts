import { open, type FileHandle } from 'node:fs/promises';
import { appendBytes } from './append-bytes.ts';

// Each write hands the file to another thread and back, which costs more than a pipe read; so
// output is gathered and written in large pieces: once this much waits...
const LOG_BATCH_BYTES = 512 * 1024;
// ...or this long after the first byte waiting, so a quiet step's log is still current.
const LOG_DELAY_MS = 20;

// The complete output of a step, written as raw bytes in the order they arrive from either stream.
export class LogFile {
  readonly path: string;
  readonly #file: FileHandle;
  #waiting: Buffer = Buffer.allocUnsafe(LOG_BATCH_BYTES);
  #waitingBytes = 0;
  // The buffer of the write in flight, which gathers output next once that write is done.
  #spare: Buffer = Buffer.allocUnsafe(LOG_BATCH_BYTES);
  #writing: Promise<void> | undefined;
  #delayTimer: NodeJS.Timeout | undefined;
  #roomMade: Promise<void> | undefined;
  #makeRoom: (() => void) | undefined;
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

  // Copies the chunk, so the caller may reuse it. Returns a promise only when the file is
  // behind, so the caller pauses the child's stream; both streams of a command share the wait.
  write(chunk: Buffer): Promise<void> | undefined {
    if (this.#writeError !== undefined || this.#isClosed) return undefined;
    // Two reads (one per stream) may still arrive once a wait was returned: the buffer grows.
    this.#waiting = appendBytes(this.#waiting, this.#waitingBytes, chunk);
    this.#waitingBytes += chunk.length;
    if (this.#waitingBytes < LOG_BATCH_BYTES) {
      this.#delayTimer ??= setTimeout(() => this.#startWriting(), LOG_DELAY_MS);
      return undefined;
    }
    this.#startWriting();
    if (this.#waitingBytes === 0) return undefined;
    this.#roomMade ??= new Promise((resolve) => (this.#makeRoom = resolve));
    return this.#roomMade;
  }

  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#startWriting();
    await this.#writing;
    try {
      await this.#file.close();
    } catch (error) {
      this.#writeError ??= error as Error;
    }
  }

  #startWriting(): void {
    clearTimeout(this.#delayTimer);
    this.#delayTimer = undefined;
    this.#writing ??= this.#writeWaiting();
  }

  async #writeWaiting(): Promise<void> {
    while (this.#waitingBytes > 0 && this.#writeError === undefined) {
      const bytes = this.#waiting.subarray(0, this.#waitingBytes);
      [this.#waiting, this.#spare] = [this.#spare, this.#waiting];
      this.#waitingBytes = 0;
      this.#releaseWaiters();
      try {
        await writeAll(this.#file, bytes);
      } catch (error) {
        this.#writeError = error as Error;
      }
      // What arrived meanwhile waits for its own batch or delay, unless closing.
      if (!this.#isClosed && this.#waitingBytes < LOG_BATCH_BYTES) break;
    }
    this.#writing = undefined;
    this.#releaseWaiters();
    if (this.#waitingBytes > 0 && this.#writeError === undefined) {
      this.#delayTimer ??= setTimeout(() => this.#startWriting(), LOG_DELAY_MS);
    }
  }

  #releaseWaiters(): void {
    this.#makeRoom?.();
    this.#roomMade = undefined;
    this.#makeRoom = undefined;
  }
}

async function writeAll(file: FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    offset += (await file.write(bytes, offset)).bytesWritten;
  }
}

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

// A step's output arrives in 64 KiB reads; a larger buffer lets the disk fall behind a little
// before the command is paused, instead of pausing it on every read.
const LOG_HIGH_WATER_MARK = 1024 * 1024;

// The complete output of a step, written as raw bytes in the order they arrive from either stream.
export class LogFile {
  readonly path: string;
  readonly #stream: WriteStream;
  #drained: Promise<void> | undefined;
  #writeError: Error | undefined;

  private constructor(path: string, stream: WriteStream) {
    this.path = path;
    this.#stream = stream;
    stream.on('error', (error) => {
      this.#writeError ??= error;
    });
  }

  // Opened before the command starts, so a bad path fails the call instead of losing the log.
  static async open(path: string): Promise<LogFile> {
    const stream = createWriteStream(path, { highWaterMark: LOG_HIGH_WATER_MARK });
    try {
      await once(stream, 'open');
    } catch (error) {
      throw new Error(`Could not open the \`logFile\` \`${path}\`: ${(error as Error).message}`, { cause: error });
    }
    return new LogFile(path, stream);
  }

  get writeError(): Error | undefined {
    return this.#writeError;
  }

  // Returns a promise only when the file is behind, so the caller pauses the child's stream.
  write(chunk: Buffer): Promise<void> | undefined {
    if (this.#writeError !== undefined || this.#stream.destroyed) return undefined;
    if (this.#stream.write(chunk)) return undefined;
    this.#drained ??= this.#waitForDrain();
    return this.#drained;
  }

  async close(): Promise<void> {
    if (this.#stream.destroyed) return;
    this.#stream.end();
    await new Promise<void>((resolve) => this.#stream.once('close', resolve));
  }

  // Both streams of a command share one file, so they share one wait; an error also ends it.
  async #waitForDrain(): Promise<void> {
    await new Promise<void>((resolve) => {
      const settle = (): void => {
        this.#stream.off('drain', settle).off('close', settle);
        resolve();
      };
      this.#stream.once('drain', settle).once('close', settle);
    });
    this.#drained = undefined;
  }
}

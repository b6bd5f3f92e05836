import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { OutputStream } from '../../wire/types.ts';
import type { BoundedCapture } from './bounded-capture.ts';
import type { LogFile } from './log-file.ts';
import type { OutputListener } from './options.ts';

export interface OutputPumpOptions {
  stream: OutputStream;
  source: Readable;
  capture: BoundedCapture;
  logFile?: LogFile;
  onOutput?: OutputListener;
  onConsumerError: (error: unknown) => void;
}

// Moves one child stream to the capture, the log file and the live listener. When a consumer
// is behind, reading stops until it catches up, so the pipe fills and the child blocks on
// write instead of the runner buffering its output: memory stays flat however much a step prints.
export class OutputPump {
  readonly finished: Promise<void>;
  readonly #options: OutputPumpOptions;
  // Only decode when someone listens live; the capture decodes once, at the end.
  readonly #decoder: StringDecoder | undefined;
  #resolveFinished!: () => void;
  #pending: Promise<unknown> | undefined;
  #isClosed = false;
  #isAbandoned = false;
  #isFinishing = false;
  #hasFailed = false;
  #exitGraceLeftMs: number | undefined;
  #exitGraceStartedAt = 0;
  #exitGraceTimer: NodeJS.Timeout | undefined;
  #exitGraceMs = 0;
  #chunksReceived = 0;

  constructor(options: OutputPumpOptions) {
    this.#options = options;
    this.#decoder = options.onOutput === undefined ? undefined : new StringDecoder('utf8');
    this.finished = new Promise((resolve) => {
      this.#resolveFinished = resolve;
    });
    // Pulled with 'readable' and read() rather than 'data' events: node's child_process resumes
    // the stdio streams when the child exits, which would undo a pause done for backpressure.
    options.source.on('readable', this.#pull);
    // A broken or destroyed pipe only ends the output; 'close' follows and finishes the pump.
    options.source.on('error', () => {});
    options.source.once('close', () => {
      this.#isClosed = true;
      clearTimeout(this.#exitGraceTimer);
      this.#finishIfDone();
    });
  }

  // After the command exits, a background process it left may hold the pipe open forever, so
  // reading stops after `graceMs`; time spent waiting on a slow consumer does not count, since
  // output still in the pipe then is the command's own.
  startExitGrace(graceMs: number): void {
    if (this.#isClosed || this.#exitGraceLeftMs !== undefined) return;
    this.#exitGraceLeftMs = graceMs;
    this.#exitGraceMs = graceMs;
    if (this.#pending === undefined) this.#armExitGrace();
  }

  // Stops reading at once; output not yet read is dropped.
  destroy(): void {
    clearTimeout(this.#exitGraceTimer);
    this.#isAbandoned = true;
    this.#options.source.destroy();
  }

  readonly #pull = (): void => {
    if (this.#pending !== undefined || this.#hasFailed) return;
    let chunk: Buffer | null;
    while (!this.#hasFailed && (chunk = this.#options.source.read() as Buffer | null) !== null) {
      const wait = this.#receive(chunk);
      if (wait !== undefined) {
        this.#waitFor(wait);
        return;
      }
    }
  };

  // Returns what to wait for before reading on, when a consumer is behind.
  #receive(chunk: Buffer): Promise<unknown> | undefined {
    this.#chunksReceived += 1;
    this.#options.capture.add(chunk);
    const logWait = this.#options.logFile?.write(chunk);
    const outputWait = this.#decoder === undefined ? undefined : this.#deliver(this.#decoder.write(chunk));
    if (logWait !== undefined && outputWait !== undefined) return Promise.all([logWait, outputWait]);
    return logWait ?? outputWait;
  }

  #deliver(text: string): Promise<void> | undefined {
    if (text === '' || this.#hasFailed) return undefined;
    try {
      const result = this.#options.onOutput!(this.#options.stream, text);
      return typeof (result as Promise<void> | undefined)?.then === 'function' ? result as Promise<void> : undefined;
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
  }

  #waitFor(wait: Promise<unknown>): void {
    this.#pauseExitGrace();
    const pending = wait.then(
      () => {
        if (this.#pending !== pending) return;
        this.#pending = undefined;
        if (!this.#hasFailed) {
          this.#resumeExitGrace();
          this.#pull();
        }
        this.#finishIfDone();
      },
      (error: unknown) => {
        if (this.#pending !== pending) return;
        this.#pending = undefined;
        this.#fail(error);
        this.#finishIfDone();
      },
    );
    this.#pending = pending;
  }

  #fail(error: unknown): void {
    if (this.#hasFailed) return;
    this.#hasFailed = true;
    this.#options.onConsumerError(error);
  }

  #finishIfDone(): void {
    if (!this.#isClosed || this.#isFinishing) return;
    if (this.#pending !== undefined && !this.#isAbandoned) return;
    this.#isFinishing = true;
    // The decoder may hold the first bytes of a character the stream never completed.
    const rest = this.#isAbandoned || this.#decoder === undefined ? '' : this.#decoder.end();
    const lastWait = this.#deliver(rest);
    if (lastWait === undefined) {
      this.#resolveFinished();
    } else {
      lastWait.then(() => this.#resolveFinished(), (error: unknown) => {
        this.#fail(error);
        this.#resolveFinished();
      });
    }
  }

  #armExitGrace(): void {
    this.#exitGraceStartedAt = performance.now();
    const chunksBefore = this.#chunksReceived;
    this.#exitGraceTimer = setTimeout(() => this.#endExitGrace(chunksBefore), Math.max(0, this.#exitGraceLeftMs!));
  }

  // After a stall of the whole process (a loaded machine), timers run before the poll phase
  // reads what the pipe already holds: the command's last output and its end would be dropped.
  // So the decision waits for one poll phase (setImmediate), and output still arriving means
  // the pipe is live, which starts the grace again.
  #endExitGrace(chunksBefore: number): void {
    this.#exitGraceTimer = undefined;
    setImmediate(() => {
      if (this.#isClosed || this.#isAbandoned || this.#pending !== undefined) return;
      if (this.#chunksReceived === chunksBefore) {
        this.destroy();
        return;
      }
      this.#exitGraceLeftMs = this.#exitGraceMs;
      this.#armExitGrace();
    });
  }

  #pauseExitGrace(): void {
    if (this.#exitGraceTimer === undefined) return;
    clearTimeout(this.#exitGraceTimer);
    this.#exitGraceTimer = undefined;
    this.#exitGraceLeftMs! -= performance.now() - this.#exitGraceStartedAt;
  }

  #resumeExitGrace(): void {
    if (this.#exitGraceLeftMs !== undefined && !this.#isClosed) this.#armExitGrace();
  }
}

import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { OutputStream } from '../../wire/types.ts';
import type { CommandOutput } from './command-output.ts';
import { takeOverPipe } from './take-over-pipe.ts';

export interface OutputPumpOptions {
  stream: OutputStream;
  /** The child's pipe as spawn made it; the pump takes it over and reads it alone. */
  source: Readable;
  output: CommandOutput;
}

// Moves one child stream to the command's output. When a consumer is behind, reading stops
// until it catches up, so the pipe fills and the child blocks on write instead of the runner
// buffering its output: memory stays flat however much a step prints.
export class OutputPump {
  readonly finished: Promise<void>;
  readonly #options: OutputPumpOptions;
  readonly #source: Socket;
  #resolveFinished!: () => void;
  #pending: Promise<void> | undefined;
  #isClosed = false;
  #isAbandoned = false;
  #isFinishing = false;
  #exitGraceLeftMs: number | undefined;
  #exitGraceStartedAt = 0;
  #exitGraceTimer: NodeJS.Timeout | undefined;
  #exitGraceMs = 0;
  #chunksReceived = 0;

  constructor(options: OutputPumpOptions) {
    this.#options = options;
    this.finished = new Promise((resolve) => {
      this.#resolveFinished = resolve;
    });
    this.#source = takeOverPipe(options.source, this.#receive);
    // A broken or destroyed pipe only ends the output; 'close' follows and finishes the pump.
    this.#source.on('error', () => {});
    this.#source.once('close', () => {
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
    this.#source.destroy();
  }

  // Stops reading until `wait` settles (it must not reject), because a consumer is behind.
  waitFor(wait: Promise<void>): void {
    if (this.#isClosed || this.#isAbandoned) return;
    if (this.#pending === undefined) {
      this.#source.pause();
      this.#pauseExitGrace();
    }
    const pending: Promise<void> = this.#pending === undefined ? wait : Promise.all([this.#pending, wait]).then(() => {});
    this.#pending = pending;
    void pending.then(() => {
      if (this.#pending !== pending) return;
      this.#pending = undefined;
      if (!this.#isAbandoned && !this.#isClosed) {
        this.#resumeExitGrace();
        this.#source.resume();
      }
      this.#finishIfDone();
    });
  }

  readonly #receive = (bytes: Buffer): void => {
    this.#chunksReceived += 1;
    this.#options.output.receive(this.#options.stream, bytes);
  };

  #finishIfDone(): void {
    if (!this.#isClosed || this.#isFinishing) return;
    if (this.#pending !== undefined && !this.#isAbandoned) return;
    this.#isFinishing = true;
    void this.#options.output.finish(this.#options.stream, this.#isAbandoned).then(() => this.#resolveFinished());
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

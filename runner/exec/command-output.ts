import { StringDecoder } from 'node:string_decoder';
import type { OutputStream } from '../../wire/types.ts';
import { appendBytes } from './append-bytes.ts';
import type { BoundedCapture } from './bounded-capture.ts';
import type { LogFile } from './log-file.ts';
import type { OutputListener } from './options.ts';

// Live output goes out in pieces of up to this many bytes, one delivery for many pipe reads (a
// step printing a gigabyte makes ~80,000 reads), and small enough that the decoded text stays
// in V8's young generation: strings over 128 KiB are many times slower to make.
const LIVE_PIECE_BYTES = 64 * 1024;
// A piece that is not full goes out this long after its first byte arrived.
const LIVE_DELAY_MS = 10;

export interface CommandOutputOptions {
  captures: Record<OutputStream, BoundedCapture>;
  logFile?: LogFile;
  onOutput?: OutputListener;
  /** The live listener is behind: reading both streams stops until `wait` settles (it never rejects). */
  onBehind: (wait: Promise<void>) => void;
  onConsumerError: (error: unknown) => void;
}

// Where both streams of a command go as they are read: the bounded captures and the log file
// at once, in the order the reads arrive, and the live listener in pieces gathered from
// consecutive reads of one stream, so that it too sees the streams in that order.
export class CommandOutput {
  readonly #options: CommandOutputOptions;
  // Only decode when someone listens live; the captures decode once, at the end.
  readonly #decoders: Record<OutputStream, StringDecoder> | undefined;
  // Bytes of one stream read but not yet delivered; a read may be larger than a piece.
  #waiting: Buffer = Buffer.allocUnsafe(LIVE_PIECE_BYTES);
  #waitingBytes = 0;
  #waitingStream: OutputStream = 'output';
  #delayTimer: NodeJS.Timeout | undefined;
  #delivering: Promise<void> | undefined;
  #hasFailed = false;

  constructor(options: CommandOutputOptions) {
    this.#options = options;
    this.#decoders = options.onOutput === undefined ? undefined : { output: new StringDecoder('utf8'), errout: new StringDecoder('utf8') };
  }

  // Takes one read, whose buffer the next read reuses: everything here copies what it keeps.
  // Called only while no consumer is behind, since reading stops then.
  receive(stream: OutputStream, bytes: Buffer): void {
    this.#options.captures[stream].add(bytes);
    this.#options.logFile?.write(bytes);
    if (this.#decoders === undefined || this.#hasFailed) return;
    if (stream !== this.#waitingStream) this.#deliverWaiting(false);
    this.#waitingStream = stream;
    this.#waiting = appendBytes(this.#waiting, this.#waitingBytes, bytes);
    this.#waitingBytes += bytes.length;
    if (this.#waitingBytes >= LIVE_PIECE_BYTES) this.#deliverWaiting(true);
    if (this.#waitingBytes > 0) this.#delayTimer ??= setTimeout(() => this.#deliverWaiting(false), LIVE_DELAY_MS);
  }

  // At the end of a stream: what waits of it goes out, and the start of a character it never
  // completed. An abandoned stream waits for no consumer, and a piece that cannot go out at
  // once is dropped from the live output (the captures and the log have it).
  async finish(stream: OutputStream, isAbandoned: boolean): Promise<void> {
    if (this.#decoders === undefined) return;
    if (isAbandoned) {
      if (this.#delivering !== undefined) this.#waitingBytes = 0;
      this.#deliverWaiting(false);
      return;
    }
    for (;;) {
      while (this.#delivering !== undefined) await this.#delivering;
      if (this.#waitingBytes === 0 || this.#hasFailed) break;
      this.#deliverWaiting(false);
    }
    this.#deliver(stream, this.#decoders[stream].end());
    await this.#delivering;
  }

  // Delivers what waits in pieces, until a consumer is behind; `onlyFull` keeps back a last
  // piece that is not full, for more to join it.
  #deliverWaiting(onlyFull: boolean): void {
    clearTimeout(this.#delayTimer);
    this.#delayTimer = undefined;
    while (this.#waitingBytes >= (onlyFull ? LIVE_PIECE_BYTES : 1) && this.#delivering === undefined && !this.#hasFailed) {
      const length = Math.min(this.#waitingBytes, LIVE_PIECE_BYTES);
      const text = this.#decoders![this.#waitingStream].write(this.#waiting.subarray(0, length));
      this.#waiting.copyWithin(0, length, this.#waitingBytes);
      this.#waitingBytes -= length;
      this.#deliver(this.#waitingStream, text);
    }
  }

  #deliver(stream: OutputStream, text: string): void {
    if (text === '' || this.#hasFailed) return;
    let result: void | Promise<void>;
    try {
      result = this.#options.onOutput!(stream, text);
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (typeof (result as Promise<void> | undefined)?.then !== 'function') return;
    const delivering: Promise<void> = (result as Promise<void>).then(
      () => this.#endDelivery(delivering),
      (error: unknown) => {
        this.#fail(error);
        this.#endDelivery(delivering);
      },
    );
    this.#delivering = delivering;
    this.#options.onBehind(delivering);
  }

  #endDelivery(delivering: Promise<void>): void {
    if (this.#delivering !== delivering) return;
    this.#delivering = undefined;
    this.#deliverWaiting(true);
    if (this.#waitingBytes > 0) this.#delayTimer ??= setTimeout(() => this.#deliverWaiting(false), LIVE_DELAY_MS);
  }

  #fail(error: unknown): void {
    if (this.#hasFailed) return;
    this.#hasFailed = true;
    clearTimeout(this.#delayTimer);
    this.#options.onConsumerError(error);
  }
}

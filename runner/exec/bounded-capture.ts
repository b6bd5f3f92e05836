import { findCharacterStart, findCompleteEnd } from './utf8-boundary.ts';

/** A stream's captured text and how many bytes were cut from its middle. */
export interface CapturedText {
  text: string;
  truncatedBytes: number;
}

const FIRST_HEAD_CAPACITY = 16 * 1024;

export function formatTruncationMarker(truncatedBytes: number): string {
  return `\n[... ${truncatedBytes} bytes of output cut by pony-build; head and tail kept ...]\n`;
}

// Keeps the first half of the limit and a rolling last half in fixed buffers, so memory stays
// at `limitBytes` however much a step prints, and nothing is decoded until the step ends.
export class BoundedCapture {
  readonly #headLimit: number;
  readonly #tailLimit: number;
  #head: Buffer = Buffer.alloc(0);
  #headBytes = 0;
  #tail: Buffer | undefined;
  #tailStart = 0;
  #tailBytes = 0;
  #totalBytes = 0;

  constructor(limitBytes: number) {
    this.#headLimit = Math.floor(limitBytes / 2);
    this.#tailLimit = limitBytes - this.#headLimit;
  }

  add(chunk: Buffer): void {
    this.#totalBytes += chunk.length;
    const taken = this.#addToHead(chunk);
    if (taken < chunk.length) this.#addToTail(taken === 0 ? chunk : chunk.subarray(taken));
  }

  finish(): CapturedText {
    const tail = this.#linearizeTail();
    const head = this.#head.subarray(0, this.#headBytes);
    if (this.#totalBytes === head.length + tail.length) {
      return { text: Buffer.concat([head, tail]).toString('utf8'), truncatedBytes: 0 };
    }
    const headEnd = findCompleteEnd(head, head.length);
    const tailStart = findCharacterStart(tail, 0);
    const truncatedBytes = this.#totalBytes - headEnd - (tail.length - tailStart);
    const text = head.toString('utf8', 0, headEnd) + formatTruncationMarker(truncatedBytes) + tail.toString('utf8', tailStart);
    return { text, truncatedBytes };
  }

  // Grows the head by doubling, so the many steps that print little never allocate the limit.
  #addToHead(chunk: Buffer): number {
    const taken = Math.min(this.#headLimit - this.#headBytes, chunk.length);
    if (taken === 0) return 0;
    const needed = this.#headBytes + taken;
    if (needed > this.#head.length) {
      const capacity = Math.min(this.#headLimit, Math.max(needed, this.#head.length * 2, FIRST_HEAD_CAPACITY));
      const grown = Buffer.allocUnsafe(capacity);
      this.#head.copy(grown, 0, 0, this.#headBytes);
      this.#head = grown;
    }
    chunk.copy(this.#head, this.#headBytes, 0, taken);
    this.#headBytes = needed;
    return taken;
  }

  // A ring buffer: the oldest byte sits at #tailStart and new bytes overwrite the oldest.
  #addToTail(chunk: Buffer): void {
    if (this.#tailLimit === 0) return;
    this.#tail ??= Buffer.allocUnsafe(this.#tailLimit);
    const ring = this.#tail;
    const kept = chunk.length > this.#tailLimit ? chunk.subarray(chunk.length - this.#tailLimit) : chunk;
    let writeAt = (this.#tailStart + this.#tailBytes) % this.#tailLimit;
    const firstPart = Math.min(kept.length, this.#tailLimit - writeAt);
    kept.copy(ring, writeAt, 0, firstPart);
    kept.copy(ring, 0, firstPart);
    writeAt = (writeAt + kept.length) % this.#tailLimit;
    const overflow = this.#tailBytes + kept.length - this.#tailLimit;
    if (overflow > 0) {
      this.#tailBytes = this.#tailLimit;
      this.#tailStart = writeAt;
    } else {
      this.#tailBytes += kept.length;
    }
  }

  #linearizeTail(): Buffer {
    if (this.#tail === undefined) return Buffer.alloc(0);
    const end = this.#tailStart + this.#tailBytes;
    if (end <= this.#tailLimit) return this.#tail.subarray(this.#tailStart, end);
    return Buffer.concat([this.#tail.subarray(this.#tailStart), this.#tail.subarray(0, end - this.#tailLimit)]);
  }
}

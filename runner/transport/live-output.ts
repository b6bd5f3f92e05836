// The running step's output waiting to be sent live: per stream, the text not sent yet and
// how much was sent before it. Live output stops at the capture's head, so the server never
// holds more of a step than the finished step will carry (the tail arrives with it).
import type { OutputStream } from '../../wire/types.ts';
import { findCompleteEnd } from '../exec/utf8-boundary.ts';

/** One append_output call's worth: text of one stream of one step, and what was sent of it before. */
export interface OutputBatch {
  stepIndex: number;
  stream: OutputStream;
  text: string;
  /** UTF-16 units of this stream of this step sent in earlier batches. */
  offset: number;
}

interface StreamState {
  pending: string[];
  pendingBytes: number;
  sentLength: number;
  acceptedBytes: number;
}

const streams: readonly OutputStream[] = ['output', 'errout'];

export class LiveOutput {
  readonly #headBytes: number;
  #stepIndex = -1;
  #states: Record<OutputStream, StreamState> = { output: emptyState(), errout: emptyState() };
  /** performance.now() when the oldest pending text arrived; undefined when nothing is pending. */
  #firstPendingAt: number | undefined;

  constructor(headBytes: number) {
    this.#headBytes = headBytes;
  }

  get pendingBytes(): number {
    return this.#states.output.pendingBytes + this.#states.errout.pendingBytes;
  }

  get firstPendingAt(): number | undefined {
    return this.#firstPendingAt;
  }

  /** Keeps what fits under the head; text of a new step starts the step's streams afresh. */
  add(stepIndex: number, stream: OutputStream, text: string, now: number): void {
    if (stepIndex !== this.#stepIndex) {
      this.#stepIndex = stepIndex;
      this.#states = { output: emptyState(), errout: emptyState() };
      this.#firstPendingAt = undefined;
    }
    const state = this.#states[stream];
    const room = this.#headBytes - state.acceptedBytes;
    if (room <= 0 || text === '') {
      return;
    }
    const kept = cutToBytes(text, room);
    const keptBytes = Buffer.byteLength(kept);
    // A character that does not fit whole ends the head, as the capture's head ends before it.
    state.acceptedBytes = keptBytes < Buffer.byteLength(text) ? this.#headBytes : state.acceptedBytes + keptBytes;
    if (kept !== '') {
      state.pending.push(kept);
      state.pendingBytes += keptBytes;
      this.#firstPendingAt ??= now;
    }
  }

  /** The next batch, output before errout, taken out of what is pending. */
  take(): OutputBatch | undefined {
    const stream = streams.find((name) => this.#states[name].pending.length > 0);
    if (stream === undefined) {
      return undefined;
    }
    const state = this.#states[stream];
    const text = state.pending.join('');
    const batch = { stepIndex: this.#stepIndex, stream, text, offset: state.sentLength };
    state.sentLength += text.length;
    state.pending = [];
    state.pendingBytes = 0;
    if (this.pendingBytes === 0) {
      this.#firstPendingAt = undefined;
    }
    return batch;
  }

  /** A finished step carries its whole output: what was not sent live need not be. */
  dropPending(): void {
    for (const stream of streams) {
      this.#states[stream].pending = [];
      this.#states[stream].pendingBytes = 0;
    }
    this.#firstPendingAt = undefined;
  }
}

function emptyState(): StreamState {
  return { pending: [], pendingBytes: 0, sentLength: 0, acceptedBytes: 0 };
}

function cutToBytes(text: string, maxBytes: number): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short texts fit without encoding them.
  if (text.length * 3 <= maxBytes) {
    return text;
  }
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= maxBytes ? text : bytes.toString('utf8', 0, findCompleteEnd(bytes, maxBytes));
}

// A running step's output is held as the head of each stream, as large as the client's own
// capture keeps (docs/PROTOCOL.md, "Bounds"): past it the server counts characters and keeps
// nothing, since the whole output (head and tail) arrives with the finished step.

/** UTF-8 bytes held per step and stream: the head the client's capture keeps. */
export const LIVE_OUTPUT_HEAD_BYTES = 512 * 1024;

export interface HeldOutput {
  head: string;
  /** UTF-8 bytes of `head`; the bound itself once the head is cut, so nothing after a cut is kept. */
  headBytes: number;
  /** Characters received (UTF-16 code units, as JavaScript counts them), kept or not. */
  received: number;
}

export const NO_OUTPUT: HeldOutput = { head: '', headBytes: 0, received: 0 };

/**
 * The output held once `text` arrives, sent after `offset` characters (null: right after what
 * is held). Only the part past what was received counts, so a retried chunk adds nothing; a
 * chunk past a gap (one that was lost) is added after what is held.
 */
export function appendToHead(held: HeldOutput, text: string, offset: number | null): HeldOutput {
  const start = offset ?? held.received;
  const known = Math.max(0, held.received - start);
  if (known >= text.length) {
    return held;
  }
  const fresh = text.slice(known);
  const kept = cutToUtf8Bytes(fresh, LIVE_OUTPUT_HEAD_BYTES - held.headBytes);
  return {
    head: held.head + kept,
    // A character that did not fit closes the head: what follows it must not be kept after the gap.
    headBytes: kept === fresh ? held.headBytes + Buffer.byteLength(kept) : LIVE_OUTPUT_HEAD_BYTES,
    received: start + text.length,
  };
}

// Cut on a character boundary, so the head is always valid text.
function cutToUtf8Bytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) {
    return '';
  }
  if (Buffer.byteLength(text) <= maxBytes) {
    return text;
  }
  const bytes = Buffer.from(text);
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) {
    end -= 1;
  }
  return bytes.subarray(0, end).toString('utf8');
}

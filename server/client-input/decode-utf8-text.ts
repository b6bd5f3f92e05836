// A text body must be valid UTF-8: decoding it leniently would store U+FFFD in place of what
// the client sent, and nobody would know. The offset tells the client where to look.

// ignoreBOM keeps a leading U+FEFF as a character instead of silently dropping it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Searched in whole chunks, then byte by byte inside the chunk that fails, so a large body
// costs one pass plus one chunk.
const SEARCH_CHUNK_BYTES = 64 * 1024;

export type DecodedText =
  | { text: string }
  /** `invalidAt`: where the first sequence that is not UTF-8 starts; `cutShort`: it is an unfinished character at the end. */
  | { invalidAt: number; cutShort: boolean };

/** The text the bytes hold, or where they stop being UTF-8. */
export function decodeUtf8Text(bytes: Uint8Array): DecodedText {
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    return findInvalidSequence(bytes);
  }
}

function findInvalidSequence(bytes: Uint8Array): { invalidAt: number; cutShort: boolean } {
  const from = findCharacterStart(bytes, findFailingChunk(bytes));
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  decoder.decode(bytes.subarray(0, from), { stream: true });
  // A byte that yields no text is part of an unfinished character, which began at sequenceStart.
  let sequenceStart = from;
  for (let offset = from; offset < bytes.length; offset += 1) {
    let decoded: string;
    try {
      decoded = decoder.decode(bytes.subarray(offset, offset + 1), { stream: true });
    } catch {
      return { invalidAt: sequenceStart, cutShort: false };
    }
    if (decoded !== '') {
      sequenceStart = offset + 1;
    }
  }
  return { invalidAt: sequenceStart, cutShort: true };
}

// The start of the chunk a streaming decoder refuses; the last chunk when only the end is unfinished.
function findFailingChunk(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let chunkStart = 0;
  for (; chunkStart + SEARCH_CHUNK_BYTES < bytes.length; chunkStart += SEARCH_CHUNK_BYTES) {
    try {
      decoder.decode(bytes.subarray(chunkStart, chunkStart + SEARCH_CHUNK_BYTES), { stream: true });
    } catch {
      return chunkStart;
    }
  }
  return chunkStart;
}

// A character pending at the chunk's start began at most 3 bytes before it; stepping back over
// continuation bytes (10xxxxxx) from there lands on a character's first byte.
function findCharacterStart(bytes: Uint8Array, offset: number): number {
  let start = Math.max(0, offset - 3);
  while (start > 0 && (bytes[start]! & 0xc0) === 0x80) {
    start -= 1;
  }
  return start;
}

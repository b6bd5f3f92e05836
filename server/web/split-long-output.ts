// Long logs are shown as their head and tail: the start says what ran, the end says why it
// failed, and the page stays small enough for a phone. The full text has its own URL.

const HEAD_LINES = 40;
const TAIL_LINES = 80;
// A few very long lines are as heavy as many short ones.
const HEAD_CHARACTERS = 8_000;
const TAIL_CHARACTERS = 16_000;

export interface OutputParts {
  head: string;
  /** Empty when the whole text is in `head`. */
  tail: string;
  /** How many lines are left out between head and tail; 0 when nothing is. */
  hiddenLines: number;
  hiddenCharacters: number;
}

export function splitLongOutput(text: string): OutputParts {
  const headEnd = Math.min(findOffsetAfterLines(text, HEAD_LINES), HEAD_CHARACTERS);
  const tailStart = Math.max(findOffsetOfLastLines(text, TAIL_LINES), text.length - TAIL_CHARACTERS, headEnd);
  if (tailStart === headEnd) {
    return { head: text, tail: '', hiddenLines: 0, hiddenCharacters: 0 };
  }
  const hidden = text.slice(headEnd, tailStart);
  return {
    head: text.slice(0, headEnd),
    tail: text.slice(tailStart),
    hiddenLines: hidden.split('\n').length - (hidden.endsWith('\n') ? 1 : 0),
    hiddenCharacters: hidden.length,
  };
}

// Where the first `count` lines end.
function findOffsetAfterLines(text: string, count: number): number {
  let offset = 0;
  for (let line = 0; line < count; line++) {
    const newline = text.indexOf('\n', offset);
    if (newline === -1) {
      return text.length;
    }
    offset = newline + 1;
  }
  return offset;
}

// Where the last `count` lines begin (a final newline does not start another line).
function findOffsetOfLastLines(text: string, count: number): number {
  let offset = text.endsWith('\n') ? text.length - 1 : text.length;
  for (let line = 0; line < count; line++) {
    const newline = text.lastIndexOf('\n', offset - 1);
    if (newline === -1) {
      return 0;
    }
    offset = newline;
  }
  return offset + 1;
}

// A captured stream as the result page shows it: numbered lines that can be linked
// (`#step-3-L120`), colours rendered, and for long logs the head and the tail only.
import { createAnsiLineRenderer, type AnsiHtml } from './ansi-html.ts';
import { splitLongOutput } from './split-long-output.ts';

export interface LogLineView {
  number: number;
  /** The line's anchor, unique on the page. */
  id: string;
  html: AnsiHtml;
}

export interface LogView {
  lineCount: number;
  head: LogLineView[];
  /** Empty unless lines between head and tail are left out. */
  tail: LogLineView[];
  hiddenText: string;
}

/** `idPrefix` names the stream on the page: `step-3` for the output, `step-3-errout` for errout. */
export function toLogView(text: string, idPrefix: string): LogView {
  const parts = splitLongOutput(text);
  const tailStart = text.length - parts.tail.length;
  return {
    lineCount: countLines(text),
    head: toLineViews(parts.head, 1, idPrefix),
    // Colours set in the hidden middle are not known here; the tail starts plain.
    tail: parts.tail === '' ? [] : toLineViews(parts.tail, countLines(text.slice(0, tailStart)) + (startsLine(text, tailStart) ? 1 : 0), idPrefix),
    hiddenText: parts.tail === '' ? '' : `${parts.hiddenLines} lines (${parts.hiddenCharacters} characters) not shown`,
  };
}

function toLineViews(text: string, firstNumber: number, idPrefix: string): LogLineView[] {
  const render = createAnsiLineRenderer();
  const lines = text.split('\n');
  if (lines.at(-1) === '') {
    lines.pop();
  }
  return lines.map((line, index) => {
    const number = firstNumber + index;
    return { number, id: `${idPrefix}-L${number}`, html: render(line) };
  });
}

// Lines as an editor numbers them: a final newline does not start another line.
function countLines(text: string): number {
  if (text === '') {
    return 0;
  }
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

// A tail cut by characters may begin in the middle of a line, which keeps that line's number.
function startsLine(text: string, offset: number): boolean {
  return offset === 0 || text[offset - 1] === '\n';
}

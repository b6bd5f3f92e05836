import type { XmlRpcPosition } from './errors.ts';

/** Turns a character offset into a 1-based line and column; only run when reporting an error. */
export function locateOffset(document: string, offset: number): XmlRpcPosition {
  let line = 1;
  let lineStart = 0;
  for (let index = document.indexOf('\n'); index !== -1 && index < offset; index = document.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

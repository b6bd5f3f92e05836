// Tools print their error last, mostly on stderr; stdout is the fallback for those that do not.
// Quoting those lines in a failure message lets a reader of the summary alone see why.

/** The last `lineCount` lines of a command's stderr, or of its stdout when stderr is empty, as printed. */
export function getOutputTail(captured: { output: string; errout: string }, lineCount = 5): string[] {
  const text = captured.errout.trim() === '' ? captured.output.trim() : captured.errout.trim();
  return text === '' ? [] : text.split('\n').slice(-lineCount);
}

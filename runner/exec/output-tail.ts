// Tools print their error last, mostly on stderr; stdout is the fallback for those that do not.
// Quoting those lines in a failure message lets a reader of the summary alone see why.

/** The last `lineCount` non-blank lines of a command's stderr, or of its stdout when stderr is empty. */
export function getOutputTail(captured: { output: string; errout: string }, lineCount = 5): string[] {
  const text = captured.errout.trim() === '' ? captured.output : captured.errout;
  return text.split('\n').filter((line) => line.trim() !== '').slice(-lineCount);
}

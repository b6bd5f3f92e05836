// Collects the lines a server or a schedule logs, so a test can wait for the one it expects
// instead of polling for it or sleeping.
export interface LogLines {
  lines: string[];
  log: (line: string) => void;
  /** Resolves with the first line, past or future, that starts with `match` (a string) or matches it (a RegExp). */
  waitForLine: (match: string | RegExp) => Promise<string>;
}

export function recordLogLines(): LogLines {
  const lines: string[] = [];
  const waiters: Array<{ matches: (line: string) => boolean; resolve: (line: string) => void }> = [];
  return {
    lines,
    log(line) {
      lines.push(line);
      for (const waiter of waiters.filter((waiter) => waiter.matches(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    },
    waitForLine(match) {
      const matches = (line: string) => (typeof match === 'string' ? line.startsWith(match) : match.test(line));
      const seen = lines.find(matches);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ matches, resolve }));
    },
  };
}

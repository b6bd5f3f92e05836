// The server's log as a test reads it: every line, and a wait for the line a request must leave
// (request lines are written when the answer has gone, so a test waits instead of looking at once).
export interface RecordedLog {
  lines: string[];
  log: (line: string) => void;
  /** Resolves with the first line, past or future, that matches. */
  waitForLine(pattern: RegExp): Promise<string>;
}

/** A request's line: ISO time, method, path, status, milliseconds, client address. */
export const REQUEST_LINE = /^(\S+) ([A-Z]+) (\/\S*) (\d{3}) (\d+)ms (\S+)$/;

export function recordLog(): RecordedLog {
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  return {
    lines,
    log(line) {
      lines.push(line);
      for (const waiter of waiters.filter(({ pattern }) => pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    },
    waitForLine(pattern) {
      const seen = lines.find((line) => pattern.test(line));
      return seen === undefined ? new Promise((resolve) => waiters.push({ pattern, resolve })) : Promise.resolve(seen);
    },
  };
}

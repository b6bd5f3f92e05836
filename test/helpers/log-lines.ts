// Collects the lines a server or a schedule logs, so a test can wait for the one it expects
// instead of polling for it or sleeping.
export interface LogLines {
  lines: string[];
  log: (line: string) => void;
  /** Resolves with the first line, past or future, that starts with `prefix`. */
  waitForLine: (prefix: string) => Promise<string>;
}

export function recordLogLines(): LogLines {
  const lines: string[] = [];
  const waiters: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  return {
    lines,
    log(line) {
      lines.push(line);
      for (const waiter of waiters.filter((waiter) => line.startsWith(waiter.prefix))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    },
    waitForLine(prefix) {
      const seen = lines.find((line) => line.startsWith(prefix));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ prefix, resolve }));
    },
  };
}

// The line the server logs for each request (server/http/log-requests.ts), so that tests can
// tell it from the error lines.

/** ISO time, method, path, status, milliseconds, client address. */
export const REQUEST_LINE = /^(\S+) ([A-Z]+) (\/\S*) (\d{3}) (\d+)ms (\S+)$/;

/** The lines that are not a request's own. */
export function readErrorLines(lines: string[]): string[] {
  return lines.filter((line) => !REQUEST_LINE.test(line));
}

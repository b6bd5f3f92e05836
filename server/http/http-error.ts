// HTTP meaning travels on the error as data; one middleware (handle-errors.ts) turns it
// into a response, so route code only throws.
import { formatBytes } from './format-bytes.ts';

export interface HttpErrorOptions {
  /** Whether the message may be shown to the client. Default: true below 500. */
  expose?: boolean;
  /** Extra response headers, e.g. `Allow` for a 405. */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly expose: boolean;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, options: HttpErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.status = status;
    this.expose = options.expose ?? status < 500;
    this.headers = options.headers ?? {};
  }
}

/** The request body is larger than the server accepts; it was not read past the limit. */
export class BodyTooLargeError extends HttpError {
  override name = 'BodyTooLargeError';
  readonly limit: number;

  constructor(limit: number) {
    super(413, `the request body is larger than this server's limit of ${formatBytes(limit)}`);
    this.limit = limit;
  }
}

// Errors about the HTTP request itself: its method, path, headers or body. Like every domain
// error they only carry their status; server/answer-errors.ts answers them.
import { DomainError, type DomainErrorOptions } from '../errors/domain-error.ts';
import { formatBytes } from './format-bytes.ts';

export class HttpError extends DomainError {
  override name = 'HttpError';

  constructor(status: number, message: string, options: Omit<DomainErrorOptions, 'status'> = {}) {
    super('request', message, { ...options, status });
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

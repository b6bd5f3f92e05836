import { formatBytes } from '../http/format-bytes.ts';
import { HttpError } from '../http/http-error.ts';

/** An uploaded file is larger than `limits.artifact_bytes`; it was not read past the limit. */
export class FileTooLargeError extends HttpError {
  override name = 'FileTooLargeError';
  readonly limit: number;

  constructor(limit: number, options: { cause?: unknown } = {}) {
    super(413, `the file is larger than this server's limit of ${formatBytes(limit)} per file (limits.artifact_bytes)`, options);
    this.limit = limit;
  }
}

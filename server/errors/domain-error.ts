// Errors that answer a request carry, as data, what kind of problem they report and the HTTP
// status that answers it. Code only throws them; one middleware (server/answer-errors.ts)
// turns them into an XML-RPC fault, a JSON error or an HTML page (docs/PROTOCOL.md, "Faults"
// and "JSON API").

/**
 * What went wrong, in terms every transport can answer:
 * `request`: the HTTP request itself cannot be taken (its method, path, headers or body);
 * `malformed`: the body is not in the protocol's format;
 * `unknown-method`: no XML-RPC method has the name called;
 * `invalid`: an argument, field or query parameter has the wrong type or value;
 * `not-found`: what was asked for does not exist;
 * `unauthorised`: the credential given (an auth_key) is not valid;
 * `unauthenticated`: a write needs a client token, and none (or a wrong or revoked one) was given;
 * `forbidden`: the client token may not write this, or an anonymous client wrote its day's share;
 * `ambiguous`: the request names several things where it must name one;
 * `internal`: the server cannot give the answer it found, and says why.
 */
export type ErrorKind =
  | 'request'
  | 'malformed'
  | 'unknown-method'
  | 'invalid'
  | 'not-found'
  | 'unauthorised'
  | 'unauthenticated'
  | 'forbidden'
  | 'ambiguous'
  | 'internal';

const DEFAULT_STATUS: Record<ErrorKind, number> = {
  request: 400,
  malformed: 400,
  'unknown-method': 404,
  invalid: 400,
  'not-found': 404,
  unauthorised: 401,
  unauthenticated: 401,
  forbidden: 403,
  ambiguous: 409,
  internal: 500,
};

export interface DomainErrorOptions {
  /** The HTTP status; by default the kind's (400, 404, 401, 403, 409 or 500). */
  status?: number;
  /** Extra response headers, e.g. `Allow` for a 405. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** An error whose message is meant for the client; anything else is answered as "internal server error". */
export class DomainError extends Error {
  override name = 'DomainError';
  readonly kind: ErrorKind;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(kind: ErrorKind, message: string, options: DomainErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = options.status ?? DEFAULT_STATUS[kind];
    this.headers = options.headers ?? {};
  }
}

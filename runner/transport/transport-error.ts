// The call never produced an XML-RPC answer: told apart from a fault or a parse error
// by class, so callers need not read messages.

export type TransportFailure = 'http-status' | 'connection-refused' | 'timeout' | 'network';

export interface XmlRpcTransportErrorOptions {
  methodName: string;
  /** The URL called, without credentials. */
  url: string;
  failure: TransportFailure;
  /** What happened, as the end of the message, e.g. "connection refused". */
  description: string;
  status?: number;
  cause?: unknown;
}

/** The call never produced an XML-RPC answer: HTTP error, refused connection, timeout. */
export class XmlRpcTransportError extends Error {
  override name = 'XmlRpcTransportError';
  readonly methodName: string;
  readonly url: string;
  readonly failure: TransportFailure;
  /** The HTTP status, when the server answered with one other than 200. */
  readonly status: number | undefined;

  constructor(options: XmlRpcTransportErrorOptions) {
    super(`XML-RPC call ${options.methodName} to ${options.url} failed: ${options.description}`, {
      cause: options.cause,
    });
    this.methodName = options.methodName;
    this.url = options.url;
    this.failure = options.failure;
    this.status = options.status;
  }
}

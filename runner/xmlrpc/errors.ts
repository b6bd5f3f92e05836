// Every failure of an XML-RPC exchange is one of these three classes, so callers can
// tell "the peer said no" (fault) from "the peer spoke gibberish" (parse) from "we never
// got an answer" (transport) without reading messages.

/** The peer answered with an XML-RPC fault. */
export class XmlRpcFault extends Error {
  override name = 'XmlRpcFault';
  readonly faultCode: number;
  readonly faultString: string;

  constructor(faultCode: number, faultString: string) {
    super(`XML-RPC fault ${faultCode}: ${faultString}`);
    this.faultCode = faultCode;
    this.faultString = faultString;
  }
}

/** Where in the document a parse error was found; both 1-based. */
export interface XmlRpcPosition {
  line: number;
  column: number;
}

/** The document is not well-formed XML-RPC, or breaks a safety limit. */
export class XmlRpcParseError extends Error {
  override name = 'XmlRpcParseError';
  /** What is wrong, without the position, e.g. "DOCTYPE is not allowed". */
  readonly reason: string;
  readonly position: XmlRpcPosition | undefined;

  constructor(reason: string, position?: XmlRpcPosition) {
    super(position ? `${reason} (line ${position.line}, column ${position.column})` : reason);
    this.reason = reason;
    this.position = position;
  }
}

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

// A failure to decode an XML-RPC exchange is one of these two classes, so callers can
// tell "the peer said no" (fault) from "the peer spoke gibberish" (parse) without
// reading messages; "we never got an answer" is the client's XmlRpcTransportError.

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

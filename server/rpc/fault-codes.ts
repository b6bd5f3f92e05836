// Fault codes from the common XML-RPC interoperability list
// (xmlrpc-epi "specification for fault code interoperability"), so generic clients can
// tell a bad request from a server failure. Code 1 is what the original Python server
// answered for a missing result. The client-token faults are in the range the list leaves to
// implementations (-32099 to -32000), numbered after the HTTP statuses they stand for.
export const FaultCode = {
  /** The body is not well-formed XML-RPC. */
  PARSE_ERROR: -32700,
  /** No such method. */
  METHOD_NOT_FOUND: -32601,
  /** Wrong argument count, type, or content. */
  INVALID_PARAMS: -32602,
  /** The server failed; the details are in its log. */
  INTERNAL_ERROR: -32500,
  /** The request could not be read: too large, or cut short. */
  TRANSPORT_ERROR: -32300,
  /** A write needs a client token: none was given, or a wrong or revoked one (HTTP 401). */
  UNAUTHENTICATED: -32001,
  /** The client token may not write this, or an anonymous client is over its daily cap (HTTP 403). */
  FORBIDDEN: -32003,
  /** No result has the requested key. */
  RESULT_NOT_FOUND: 1,
} as const;

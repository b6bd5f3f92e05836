// What a failed call means for the result: a server that could not answer now (down, slow,
// failing, or still asking the client to slow down) may take it later, so the result is kept
// for another try; a server that answered "no" would answer "no" again.
import { XmlRpcFault } from '../../wire/xmlrpc/index.ts';
import { XmlRpcTransportError } from './transport-error.ts';

/** True when the server could not answer: refused or lost connection, timeout, HTTP 5xx, or 429 waited out in vain. */
export function isServerUnavailable(error: unknown): boolean {
  if (!(error instanceof XmlRpcTransportError)) {
    return false;
  }
  return error.failure !== 'http-status' || (error.status !== undefined && (error.status >= 500 || error.status === 429));
}

// Today's server answers fault -32601 `unknown method "begin_build"; ...`; the original's
// Python dispatcher answers fault 1 `<class 'Exception'>:method "begin_build" is not supported`.
const unknownMethodFaultCode = -32601;

/** True when the server answered that it has no method of this name. */
export function isUnknownMethodFault(error: unknown, methodName: string): boolean {
  if (!(error instanceof XmlRpcFault)) {
    return false;
  }
  if (error.faultCode === unknownMethodFaultCode) {
    return true;
  }
  return error.faultString.includes(`method "${methodName}" is not supported`) || error.faultString.includes(`unknown method "${methodName}"`);
}

// How an error answers an XML-RPC call: a fault whose code says the kind of problem
// (fault-codes.ts), sent with HTTP 200, because XML-RPC clients read faults and take
// anything else for a broken server. Once the method runs, its faults start with its name.
import type { Context } from 'koa';
import { serializeFault } from '../../wire/xmlrpc/index.ts';
import type { DomainError, ErrorKind } from '../errors/domain-error.ts';
import { BodyTooLargeError } from '../http/http-error.ts';
import { FaultCode } from './fault-codes.ts';

const FAULT_CODES: Record<ErrorKind, number> = {
  request: FaultCode.TRANSPORT_ERROR,
  malformed: FaultCode.PARSE_ERROR,
  'unknown-method': FaultCode.METHOD_NOT_FOUND,
  invalid: FaultCode.INVALID_PARAMS,
  'not-found': FaultCode.RESULT_NOT_FOUND,
  unauthorised: FaultCode.INVALID_PARAMS,
  unauthenticated: FaultCode.UNAUTHENTICATED,
  forbidden: FaultCode.FORBIDDEN,
  ambiguous: FaultCode.INVALID_PARAMS,
  internal: FaultCode.INTERNAL_ERROR,
};

interface XmlRpcState {
  runningMethod?: string;
}

/** True for the requests answered with faults: calls POSTed to /xmlrpc. */
export function isXmlRpcCall(ctx: Context): boolean {
  return ctx.method === 'POST' && ctx.path === '/xmlrpc';
}

/** Notes that the call's method is running: from now on its faults name it. */
export function markMethodRunning(ctx: Context, methodName: string): void {
  (ctx.state as XmlRpcState).runningMethod = methodName;
}

/** The method the call was running, if it got that far. */
export function readRunningMethod(ctx: Context): string | undefined {
  return (ctx.state as XmlRpcState).runningMethod;
}

export function answerWithFault(ctx: Context, error: DomainError): void {
  const methodName = readRunningMethod(ctx);
  const prefix = methodName === undefined ? '' : `${methodName}: `;
  // A client that sent too much learns that none of it was kept.
  const suffix = error instanceof BodyTooLargeError ? '; nothing was stored' : '';
  ctx.status = 200;
  ctx.type = 'text/xml';
  ctx.body = serializeFault(FAULT_CODES[error.kind], `${prefix}${error.message}${suffix}`);
}

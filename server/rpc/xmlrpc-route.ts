// POST /xmlrpc. Every failure, whatever its cause, is answered as an XML-RPC fault with
// HTTP 200, because XML-RPC clients read faults and treat anything else as a broken server.
import type { Context, Middleware } from 'koa';
import type { WireValue } from '../../wire/types.ts';
import { parseMethodCall, serializeFault, serializeMethodResponse, XmlRpcParseError } from '../../wire/xmlrpc/index.ts';
import { InvalidFieldError, UnknownResultError } from '../errors/domain-errors.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { getClientIp } from '../http/client-ip.ts';
import { BodyTooLargeError, HttpError } from '../http/http-error.ts';
import { readRequestBody } from '../http/read-body.ts';
import { FaultCode } from './fault-codes.ts';
import { RPC_METHODS } from './methods.ts';
import { readParams } from './read-params.ts';
import { RpcFault } from './rpc-fault.ts';

export interface XmlRpcRouteOptions {
  coordinator: Coordinator;
  maxBodyBytes: number;
  log: (line: string) => void;
}

const KNOWN_METHODS = [...RPC_METHODS.keys()].join(', ');

export function createXmlRpcRoute(options: XmlRpcRouteOptions): Middleware {
  return async (ctx) => {
    if (ctx.method !== 'POST') {
      throw new HttpError(405, 'XML-RPC requests must be POSTed to /xmlrpc', { headers: { Allow: 'POST' } });
    }
    let methodName = '(unknown method)';
    let body: string;
    try {
      const request = parseMethodCall(await readRequestBody(ctx, options.maxBodyBytes), { maxBytes: options.maxBodyBytes });
      methodName = request.methodName;
      const value = await callMethod(request.methodName, request.params, ctx, options.coordinator);
      body = serializeResponse(methodName, value);
    } catch (error) {
      const fault = toFault(error, methodName, options.log);
      body = serializeFault(fault.faultCode, fault.faultString);
    }
    ctx.status = 200;
    ctx.type = 'text/xml';
    ctx.body = body;
  };
}

async function callMethod(methodName: string, params: WireValue[], ctx: Context, coordinator: Coordinator): Promise<WireValue> {
  const method = RPC_METHODS.get(methodName);
  if (!method) {
    throw new RpcFault(FaultCode.METHOD_NOT_FOUND, `unknown method ${JSON.stringify(methodName)}; known: ${KNOWN_METHODS}`);
  }
  const args = readParams(methodName, method.params, params);
  return method.call(args, { coordinator, clientIp: getClientIp(ctx) });
}

function serializeResponse(methodName: string, value: WireValue): string {
  try {
    return serializeMethodResponse(value);
  } catch (error) {
    throw new RpcFault(
      FaultCode.INTERNAL_ERROR,
      `${methodName}: the answer holds a value XML-RPC cannot carry (${(error as Error).message})`,
    );
  }
}

function toFault(error: unknown, methodName: string, log: (line: string) => void): RpcFault {
  if (error instanceof RpcFault) {
    return error;
  }
  if (error instanceof XmlRpcParseError) {
    return new RpcFault(FaultCode.PARSE_ERROR, `malformed XML-RPC request: ${error.message}`);
  }
  if (error instanceof BodyTooLargeError) {
    return new RpcFault(FaultCode.TRANSPORT_ERROR, `${error.message}; nothing was stored`);
  }
  if (error instanceof HttpError && error.expose) {
    return new RpcFault(FaultCode.TRANSPORT_ERROR, error.message);
  }
  if (error instanceof InvalidFieldError) {
    return new RpcFault(FaultCode.INVALID_PARAMS, `${methodName}: ${error.message}`);
  }
  if (error instanceof UnknownResultError) {
    return new RpcFault(FaultCode.RESULT_NOT_FOUND, `${methodName}: ${error.message}`);
  }
  log(`internal error in XML-RPC method ${methodName}: ${(error as Error)?.stack ?? String(error)}`);
  return new RpcFault(FaultCode.INTERNAL_ERROR, `${methodName}: internal server error; the details are in the server log`);
}

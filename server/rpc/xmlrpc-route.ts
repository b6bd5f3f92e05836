// POST /xmlrpc: reads the call, checks its arguments against the method's, and runs it.
// Whatever goes wrong is thrown; server/answer-errors.ts answers it as a fault.
import type { Context, Middleware } from 'koa';
import type { WireValue } from '../../wire/types.ts';
import { requirePrivateRead } from '../admin/require-private-access.ts';
import { guardWrite } from '../auth/guard-write.ts';
import { parseMethodCall, serializeMethodResponse, XmlRpcParseError, type MethodCall } from '../../wire/xmlrpc/index.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { getClientIp } from '../http/client-ip.ts';
import { HttpError } from '../http/http-error.ts';
import { readRequestBody } from '../http/read-body.ts';
import { markMethodRunning } from './answer-fault.ts';
import { RPC_METHODS, type RpcMethod } from './methods.ts';
import { readParams } from './read-params.ts';
import { MalformedCallError, UnanswerableValueError, UnknownMethodError } from './rpc-errors.ts';

export interface XmlRpcRouteOptions {
  coordinator: Coordinator;
  maxBodyBytes: number;
  /** serve --private: read methods need a client token (or an admin session), as JSON reads do. */
  privateReads?: boolean;
}

const KNOWN_METHODS = [...RPC_METHODS.keys()];

export function createXmlRpcRoute({ coordinator, maxBodyBytes, privateReads = false }: XmlRpcRouteOptions): Middleware {
  return async (ctx) => {
    if (ctx.method !== 'POST') {
      throw new HttpError(405, 'XML-RPC requests must be POSTed to /xmlrpc', { headers: { Allow: 'POST' } });
    }
    const { call, bodyBytes } = await readMethodCall(ctx, maxBodyBytes);
    const method = findMethod(call.methodName);
    const args = readParams(call.methodName, method.params, call.params);
    markMethodRunning(ctx, call.methodName);
    // The method's name is in the body, so a write is known, and refused, only once the body is read.
    const target = method.writes?.(args);
    if (target !== undefined) {
      await guardWrite(ctx, coordinator, { target, bodyBytes });
    } else if (privateReads) {
      await requirePrivateRead(ctx, coordinator);
    }
    const value = await method.call(args, { coordinator, clientIp: getClientIp(ctx) });
    ctx.type = 'text/xml';
    ctx.body = serializeAnswer(value);
  };
}

async function readMethodCall(ctx: Context, maxBodyBytes: number): Promise<{ call: MethodCall; bodyBytes: number }> {
  const body = await readRequestBody(ctx, maxBodyBytes);
  try {
    return { call: parseMethodCall(body, { maxBytes: maxBodyBytes }), bodyBytes: body.length };
  } catch (error) {
    throw error instanceof XmlRpcParseError ? new MalformedCallError(error.message, error) : error;
  }
}

function findMethod(methodName: string): RpcMethod {
  const method = RPC_METHODS.get(methodName);
  if (!method) {
    throw new UnknownMethodError(methodName, KNOWN_METHODS);
  }
  return method;
}

function serializeAnswer(value: WireValue): string {
  try {
    return serializeMethodResponse(value);
  } catch (error) {
    throw new UnanswerableValueError(error as Error);
  }
}

// The one place errors become answers. A domain error carries its kind and HTTP status as
// data: an XML-RPC call gets a fault, the JSON API `{"error": "..."}`, a browser on a page
// the HTML error page, anything else (uploads, a GET of /xmlrpc) a line of text. Any other
// error is a bug: logged with its stack, and answered only as "internal server error".
// Too many requests is answered with HTTP 429 on every path, XML-RPC too, since a client
// backs off at the HTTP level (docs/PROTOCOL.md, "Bounds").
import type { Context, Middleware } from 'koa';
import { DomainError } from './errors/domain-error.ts';
import { TooManyRequestsError } from './errors/limit-errors.ts';
import { discardUnreadBody } from './http/discard-body.ts';
import { answerWithFault, isXmlRpcCall, readRunningMethod } from './rpc/answer-fault.ts';

// Machine endpoints: their errors are never an HTML page.
const PROTOCOL_PATHS = new Set(['/xmlrpc', '/upload']);
// Forges read a refused hook's answer as JSON, as API clients do.
const PUSH_HOOK_PATH = '/hooks/push';

export interface AnswerErrorsOptions {
  log: (line: string) => void;
  /** Renders a full HTML error page. */
  renderErrorPage: (status: number, message: string) => string;
}

export function answerErrors(options: AnswerErrorsOptions): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const answerable = error instanceof DomainError ? error : hideInternalError(ctx, error, options.log);
      // A client that sends its whole body before reading would otherwise see a broken pipe.
      await discardUnreadBody(ctx);
      if (isXmlRpcCall(ctx) && !(answerable instanceof TooManyRequestsError)) {
        answerWithFault(ctx, answerable);
      } else {
        answerOverHttp(ctx, answerable, options);
      }
    }
  };
}

function hideInternalError(ctx: Context, error: unknown, log: (line: string) => void): DomainError {
  const methodName = readRunningMethod(ctx);
  const where = methodName === undefined ? `on ${ctx.method} ${ctx.path}` : `in XML-RPC method ${methodName}`;
  log(`internal error ${where}: ${(error as Error)?.stack ?? String(error)}`);
  return new DomainError('internal', 'internal server error; the details are in the server log');
}

function answerOverHttp(ctx: Context, error: DomainError, { renderErrorPage }: AnswerErrorsOptions): void {
  ctx.status = error.status;
  ctx.set(error.headers);
  if (ctx.path.startsWith('/api/') || ctx.path === PUSH_HOOK_PATH) {
    ctx.body = { error: error.message };
  } else if (isPageRequest(ctx) && ctx.accepts('html') === 'html') {
    ctx.type = 'html';
    ctx.body = renderErrorPage(error.status, error.message);
  } else {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = `${error.message}\n`;
  }
}

// A form the site's pages sent is answered with a page too: the browser shows what was refused.
function isPageRequest(ctx: Context): boolean {
  const fromForm = ctx.method === 'POST' && Boolean(ctx.is('application/x-www-form-urlencoded'));
  return (ctx.method === 'GET' || ctx.method === 'HEAD' || fromForm) && !PROTOCOL_PATHS.has(ctx.path);
}

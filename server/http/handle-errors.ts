// The one place errors become responses: JSON under /api/, an HTML page for browsers, and
// plain text otherwise. Unexpected errors are logged and shown only as "internal error".
import type { Context, Middleware } from 'koa';
import { HttpError } from './http-error.ts';

export interface HandleErrorsOptions {
  log: (line: string) => void;
  /** Renders a full HTML error page; when absent, errors are plain text. */
  renderErrorPage?: (status: number, message: string) => string;
  /** Which requests are for pages, and so get the HTML error page. Default: none. */
  isPageRequest?: (ctx: Context) => boolean;
}

export function handleErrors(options: HandleErrorsOptions): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const httpError = toHttpError(error, ctx, options.log);
      writeErrorResponse(ctx, httpError, options);
    }
  };
}

function toHttpError(error: unknown, ctx: Context, log: (line: string) => void): HttpError {
  if (error instanceof HttpError) {
    return error;
  }
  log(`internal error on ${ctx.method} ${ctx.path}: ${(error as Error)?.stack ?? String(error)}`);
  return new HttpError(500, 'internal server error; the details are in the server log', { expose: true });
}

function writeErrorResponse(ctx: Context, error: HttpError, options: HandleErrorsOptions): void {
  ctx.status = error.status;
  ctx.set(error.headers);
  const message = error.expose ? error.message : 'internal server error';
  if (ctx.path.startsWith('/api/')) {
    ctx.body = { error: message };
  } else if (options.renderErrorPage && options.isPageRequest?.(ctx) && ctx.accepts('html') === 'html') {
    ctx.type = 'html';
    ctx.body = options.renderErrorPage(error.status, message);
  } else {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = `${message}\n`;
  }
}

// Bodies are read whole into memory, so the size limit is enforced while reading: nothing past
// the limit is kept. A body found too large is still read to its end and thrown away, up to a
// bound (discard-body.ts), because clients such as Python's xmlrpc.client send the whole body
// before reading any answer: a connection closed under them reads as a broken pipe, never as
// the 413 or the fault that says why.
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { discardBody, findDiscardBound } from './discard-body.ts';
import { BodyTooLargeError, HttpError } from './http-error.ts';

/** Reads the request body, at most `maxBytes` of it. */
export async function readRequestBody(ctx: Context, maxBytes: number): Promise<Buffer> {
  const encoding = ctx.get('Content-Encoding').toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    throw new HttpError(415, `Content-Encoding ${JSON.stringify(encoding)} is not supported; send the body uncompressed`);
  }
  try {
    return await getRawBody(ctx.req, { limit: maxBytes, length: ctx.get('Content-Length') || undefined });
  } catch (error) {
    throw await translateBodyError(ctx, error, maxBytes);
  }
}

async function translateBodyError(ctx: Context, error: unknown, maxBytes: number): Promise<Error> {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') {
    await refuseTooLarge(ctx, error as { expected?: number; received?: number }, maxBytes);
    return new BodyTooLargeError(maxBytes);
  }
  if (type === 'request.aborted') {
    return new HttpError(400, 'the client closed the connection before sending the whole body', { cause: error });
  }
  if (type === 'request.size.invalid') {
    return new HttpError(400, 'the body is not as long as its Content-Length says', { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

// raw-body says how much it read (`received`), or, when Content-Length alone was too large, what
// was announced (`expected`) with nothing read.
async function refuseTooLarge(ctx: Context, read: { expected?: number; received?: number }, maxBytes: number): Promise<void> {
  const bound = findDiscardBound(maxBytes);
  const alreadyRead = read.received ?? 0;
  const fitsBound = read.expected === undefined ? alreadyRead <= bound : read.expected <= bound;
  if (!fitsBound || !(await discardBody(ctx.req, bound - alreadyRead))) {
    // The unread rest of the body must not be taken for the next request on this connection.
    ctx.set('Connection', 'close');
  }
}

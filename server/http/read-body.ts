// Bodies are read whole into memory, so the size limit is enforced while reading: a body
// announced or found to be too large is refused without reading the rest of it.
import type { Context } from 'koa';
import getRawBody from 'raw-body';
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
    throw translateBodyError(ctx, error, maxBytes);
  }
}

function translateBodyError(ctx: Context, error: unknown, maxBytes: number): Error {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') {
    // The unread rest of the body must not be taken for the next request on this connection.
    ctx.set('Connection', 'close');
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

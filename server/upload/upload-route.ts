// POST /upload: attaches a file to the result whose auth_key is given. The key is checked
// before the body is read, so an unauthorised client never has a file held in memory; its body
// is only dropped, up to a bound, before the 401 (server/http/discard-body.ts).
import type { Middleware } from 'koa';
import { guardWrite, identifyWriter } from '../auth/guard-write.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { UnknownAuthKeyError } from '../errors/domain-errors.ts';
import { formatBytes } from '../http/format-bytes.ts';
import { BodyTooLargeError, HttpError } from '../http/http-error.ts';
import { readRequestBody } from '../http/read-body.ts';
import { FileTooLargeError } from './file-too-large-error.ts';
import { readUploadQuery } from './read-upload-query.ts';

export interface UploadRouteOptions {
  coordinator: Coordinator;
  maxBodyBytes: number;
  /** The largest file accepted, `limits.artifact_bytes`; at most maxBodyBytes. Default maxBodyBytes. */
  artifactBytes?: number;
}

export function createUploadRoute({ coordinator, maxBodyBytes, artifactBytes = maxBodyBytes }: UploadRouteOptions): Middleware {
  const readFile = async (ctx: Parameters<Middleware>[0]) => {
    try {
      return await readRequestBody(ctx, Math.min(artifactBytes, maxBodyBytes));
    } catch (error) {
      // The smaller of the two limits is the one to name.
      throw error instanceof BodyTooLargeError && artifactBytes < maxBodyBytes ? new FileTooLargeError(artifactBytes, { cause: error }) : error;
    }
  };
  return async (ctx) => {
    if (ctx.method !== 'POST') {
      throw new HttpError(405, 'files must be POSTed to /upload', { headers: { Allow: 'POST' } });
    }
    const query = readUploadQuery(ctx.query);
    const writer = await identifyWriter(ctx, coordinator);
    if (!(await coordinator.isAuthKeyKnown(query.authKey))) {
      throw new UnknownAuthKeyError();
    }
    const content = await readFile(ctx);
    if (content.length === 0) {
      throw new HttpError(400, 'the upload has no body; send the file as the request body');
    }
    await guardWrite(ctx, coordinator, { target: { kind: 'result', authKey: query.authKey }, bodyBytes: content.length }, writer);
    const upload = await coordinator.addUpload({ ...query, content });
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = `stored ${upload.filename} (${formatBytes(upload.size)}) with result ${upload.resultKey}\n`;
  };
}

// GET /results/<key>/files/<id>[/<name>]: an uploaded file, always as an attachment. Its type
// comes from its name, so a browser knows what it saves; `nosniff` and a sandboxing CSP make
// sure an HTML or SVG file still never runs as a page of this site.
import type { Router } from '@koa/router';
import path from 'node:path';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { parsePositiveInteger } from '../http/parse-positive-integer.ts';
import { readRequestViewer } from '../admin/viewer.ts';
import { formatAttachmentDisposition } from './content-disposition.ts';
import { readResultKey } from './read-result-key.ts';

export const DOWNLOAD_SECURITY_POLICY = "default-src 'none'; sandbox";

export function addFileDownloadRoute(router: Router, coordinator: Coordinator): void {
  // The trailing name only makes the URL read well and is ignored: the stored name is used.
  router.get(['/results/:key/files/:id', '/results/:key/files/:id/:name'], async (ctx) => {
    const resultKey = readResultKey(ctx.params.key);
    const uploadId = parsePositiveInteger(ctx.params.id);
    const upload = uploadId === undefined ? undefined : await coordinator.getUpload(resultKey, uploadId);
    // A hidden file (visible=no) is for admins only; to anyone else it is not there at all.
    if (!upload || (!upload.visible && !readRequestViewer(ctx).session)) {
      upload?.content?.destroy();
      throw new HttpError(404, `Result #${resultKey} has no file ${JSON.stringify(ctx.params.id)}.`);
    }
    if (upload.content === null) {
      throw new HttpError(410, `The file ${JSON.stringify(upload.filename)} of result #${resultKey} was removed to keep within the server's artifact quota.`);
    }
    ctx.set({
      'Content-Disposition': formatAttachmentDisposition(upload.filename),
      'Content-Security-Policy': DOWNLOAD_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=86400',
    });
    // Koa looks the extension up in mime-types and leaves the type unset for one it does not know.
    ctx.type = path.extname(upload.filename);
    if (!ctx.response.get('Content-Type')) {
      ctx.type = 'application/octet-stream';
    }
    ctx.length = upload.size;
    ctx.body = upload.content;
  });
}

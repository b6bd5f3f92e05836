// The web pages: the front page (latest result of every tagset), a result page, file
// downloads, and the one stylesheet.
import { readFileSync } from 'node:fs';
import { Router } from '@koa/router';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { parsePositiveInteger } from '../http/parse-key.ts';
import { formatAttachmentDisposition } from './content-disposition.ts';
import type { Views } from './render-views.ts';
import { toIndexPage, toResultPage } from './view-models.ts';

const STYLESHEET = readFileSync(new URL('./static/style.css', import.meta.url), 'utf8');

export interface PageRoutesOptions {
  coordinator: Coordinator;
  views: Views;
}

export function createPageRoutes({ coordinator, views }: PageRoutesOptions): Router {
  const router = new Router();

  router.get('/', async (ctx) => {
    const page = toIndexPage(await coordinator.listPackages(), coordinator.now());
    ctx.type = 'html';
    ctx.body = views.renderIndex(page);
  });

  router.get('/results/:key', async (ctx) => {
    const resultKey = readResultKey(ctx.params.key);
    const triple = await coordinator.getResult(resultKey);
    if (!triple) {
      throw new HttpError(404, `There is no result #${resultKey}.`);
    }
    const uploads = await coordinator.listUploads(resultKey);
    ctx.type = 'html';
    ctx.body = views.renderResult(toResultPage(resultKey, triple, uploads, coordinator.now()));
  });

  // The trailing name only makes the URL read well and is ignored: the stored name is used.
  router.get(['/results/:key/files/:id', '/results/:key/files/:id/:name'], async (ctx) => {
    const resultKey = readResultKey(ctx.params.key);
    const uploadId = parsePositiveInteger(ctx.params.id);
    const upload = uploadId === undefined ? undefined : await coordinator.getUpload(resultKey, uploadId);
    if (!upload || !upload.visible) {
      throw new HttpError(404, `Result #${resultKey} has no file ${JSON.stringify(ctx.params.id)}.`);
    }
    // Never inline: an uploaded HTML file must not run as a page of this site.
    ctx.set({
      'Content-Disposition': formatAttachmentDisposition(upload.filename),
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=86400',
    });
    ctx.type = 'application/octet-stream';
    ctx.body = upload.content;
  });

  router.get('/static/style.css', (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = STYLESHEET;
  });

  return router;
}

function readResultKey(text: string | undefined): number {
  const key = parsePositiveInteger(text);
  if (key === undefined) {
    throw new HttpError(404, `There is no result ${JSON.stringify(text)}: result keys are positive integers.`);
  }
  return key;
}

// The web pages: the dashboard (latest result of every tagset), a result page with its
// tests, one test's history, file downloads, and the one stylesheet; the package pages,
// badges and step output are added from their own files.
import { readFileSync } from 'node:fs';
import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { parsePositiveInteger } from '../http/parse-key.ts';
import { TEST_STATUSES, type TestStatus } from '../store/test-case-types.ts';
import { formatAttachmentDisposition } from './content-disposition.ts';
import { DASHBOARD_SORTS, toDashboardPage, type DashboardSort } from './dashboard-view-model.ts';
import { addPackageRoutes } from './package-routes.ts';
import { readExpectedBuilders } from './read-expected-builders.ts';
import { readResultTagset } from './read-result-tagset.ts';
import type { Views } from './render-views.ts';
import { addStepOutputRoute } from './step-output-route.ts';
import { toTestHistoryPage } from './test-view-models.ts';
import { toResultPage } from './result-view-model.ts';

const STYLESHEET = readFileSync(new URL('./static/style.css', import.meta.url), 'utf8');

export interface PageRoutesOptions {
  coordinator: Coordinator;
  views: Views;
}

export function createPageRoutes({ coordinator, views }: PageRoutesOptions): Router {
  const router = new Router();

  router.get('/', async (ctx) => {
    const sort = readDashboardSort(ctx);
    const [dashboard, expected] = await Promise.all([
      coordinator.getDashboard(),
      readExpectedBuilders(coordinator, coordinator.now()),
    ]);
    ctx.type = 'html';
    ctx.body = views.renderIndex(toDashboardPage(dashboard, sort, expected));
  });

  router.get('/results/:key', async (ctx) => {
    const resultKey = readResultKey(ctx.params.key);
    const triple = await coordinator.getResult(resultKey);
    if (!triple) {
      throw new HttpError(404, `There is no result #${resultKey}.`);
    }
    const filter = readStatusFilter(ctx);
    const [uploads, tests, neighbours] = await Promise.all([
      coordinator.listUploads(resultKey),
      coordinator.getResultTests(resultKey),
      coordinator.findNeighbourResults(resultKey),
    ]);
    if (!tests || !neighbours) {
      throw new HttpError(404, `There is no result #${resultKey}.`);
    }
    const navigation = { neighbours, tagset: readResultTagset(triple[1]), buildRequested: ctx.query.build === 'requested' };
    ctx.type = 'html';
    ctx.body = views.renderResult(toResultPage(resultKey, triple, uploads, coordinator.now(), { tests, filter }, navigation));
  });

  router.get('/packages/:package/tests', async (ctx) => {
    const name = readOneQuery(ctx, 'name');
    if (name === undefined || name === '') {
      throw new HttpError(400, 'Which test? The address needs ?name=<test name> (and &suite=<suite> when it has one).');
    }
    const before = readOneQuery(ctx, 'before');
    const beforeKey = before === undefined ? undefined : parsePositiveInteger(before);
    if (before !== undefined && beforeKey === undefined) {
      throw new HttpError(400, `The page position ?before= must be a result key, got ${JSON.stringify(before)}.`);
    }
    const history = await coordinator.getTestHistory(ctx.params.package!, { suite: readOneQuery(ctx, 'suite') ?? '', name, before: beforeKey });
    ctx.type = 'html';
    ctx.body = views.renderTestHistory(toTestHistoryPage(history, coordinator.now()));
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

  addPackageRoutes(router, { coordinator, views });
  addStepOutputRoute(router, coordinator);

  router.get('/static/style.css', (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = STYLESHEET;
  });

  return router;
}

function readDashboardSort(ctx: Context): DashboardSort {
  const sort = readOneQuery(ctx, 'sort');
  if (sort === undefined || sort === '') {
    return 'status';
  }
  const known = DASHBOARD_SORTS.find((candidate) => candidate === sort);
  if (!known) {
    throw new HttpError(400, `The dashboard can be sorted by ${DASHBOARD_SORTS.join(', ')}; there is no column ${JSON.stringify(sort)}.`);
  }
  return known;
}

function readStatusFilter(ctx: Context): TestStatus | undefined {
  const status = readOneQuery(ctx, 'status');
  if (status === undefined || status === '') {
    return undefined;
  }
  const known = TEST_STATUSES.find((candidate) => candidate === status);
  if (!known) {
    throw new HttpError(400, `Tests can be shown by status ${TEST_STATUSES.join(', ')}; there is no status ${JSON.stringify(status)}.`);
  }
  return known;
}

function readOneQuery(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  if (Array.isArray(value)) {
    throw new HttpError(400, `The address gives ?${name}= ${value.length} times; give it once.`);
  }
  return value;
}

function readResultKey(text: string | undefined): number {
  const key = parsePositiveInteger(text);
  if (key === undefined) {
    throw new HttpError(404, `There is no result ${JSON.stringify(text)}: result keys are positive integers.`);
  }
  return key;
}

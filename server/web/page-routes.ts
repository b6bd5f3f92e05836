// The web pages: the dashboard (latest result of every tagset), a result page with its
// tests, one test's history, and the one stylesheet; the package pages, badges, file
// downloads, step output and whole logs are added from their own files.
import { Router } from '@koa/router';
import { readFileSync } from 'node:fs';
import { DEFAULT_LIVE_HEARTBEAT_SECONDS, type CommitLink } from '../config/types.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { UnknownResultError } from '../errors/domain-errors.ts';
import { readChoiceQuery, readOptionalQuery, readPositiveIntegerQuery, readTestIdentityQuery } from '../http/read-query.ts';
import { TEST_STATUSES } from '../store/test-case-types.ts';
import { DASHBOARD_SORTS, toDashboardPage } from './dashboard-view-model.ts';
import { toExpectedBuilderView } from './expected-builder-view-model.ts';
import { ignoreLog } from '../options.ts';
import { readRequestViewer } from '../admin/viewer.ts';
import { addFileDownloadRoute } from './file-download-route.ts';
import { addLiveResultRoute } from './live-result-route.ts';
import { addPackageRoutes } from './package-routes.ts';
import type { Views } from './render-views.ts';
import { toResultPage } from './result-view-model.ts';
import { readResultKey } from './read-result-key.ts';
import { addStepOutputRoute } from './step-output-route.ts';
import { toTestHistoryPage } from './test-view-models.ts';
import { addWholeLogRoute } from './whole-log-route.ts';

const STYLESHEET = readFileSync(new URL('./static/style.css', import.meta.url), 'utf8');
const LIVE_RESULT_SCRIPT = readFileSync(new URL('./static/live-result.js', import.meta.url), 'utf8');

export interface PageRoutesOptions {
  coordinator: Coordinator;
  views: Views;
  /** Where each repository's commits are shown; none by default. */
  commitLinks?: readonly CommitLink[];
  /** Seconds between the heartbeats of a running build's event stream. */
  liveHeartbeatSeconds?: number;
  log?: (line: string) => void;
}

export function createPageRoutes({
  coordinator, views, commitLinks = [], liveHeartbeatSeconds = DEFAULT_LIVE_HEARTBEAT_SECONDS, log = ignoreLog,
}: PageRoutesOptions): Router {
  const router = new Router();

  router.get('/', async (ctx) => {
    const sort = readChoiceQuery(ctx.query, 'sort', DASHBOARD_SORTS) ?? 'status';
    const [dashboard, builders, running] = await Promise.all([
      coordinator.getDashboard(), coordinator.listExpectedBuilders(), coordinator.listRunningBuilds(),
    ]);
    ctx.type = 'html';
    ctx.body = views.renderIndex(toDashboardPage(dashboard, sort, toExpectedBuilderView(builders, dashboard.now), running));
  });

  router.get('/results/:key', async (ctx) => {
    const resultKey = readResultKey(ctx.params.key);
    const filter = readChoiceQuery(ctx.query, 'status', TEST_STATUSES);
    const buildRequested = readOptionalQuery(ctx.query, 'build') === 'requested';
    const page = await coordinator.getResultPage(resultKey);
    if (!page) {
      throw new UnknownResultError(resultKey);
    }
    if (readRequestViewer(ctx).session) {
      page.uploads = await coordinator.listUploads(resultKey, { includeHidden: true });
    }
    ctx.type = 'html';
    ctx.body = views.renderResult(toResultPage(page, { now: coordinator.now(), commitLinks }, { filter, buildRequested }));
  });

  router.get('/packages/:package/tests', async (ctx) => {
    const test = readTestIdentityQuery(ctx.query);
    const before = readPositiveIntegerQuery(ctx.query, 'before');
    const history = await coordinator.getTestHistory(ctx.params.package!, { ...test, before });
    ctx.type = 'html';
    ctx.body = views.renderTestHistory(toTestHistoryPage(history, coordinator.now()));
  });

  addFileDownloadRoute(router, coordinator);
  addPackageRoutes(router, { coordinator, views });
  addStepOutputRoute(router, coordinator);
  addLiveResultRoute(router, { coordinator, views, commitLinks, heartbeatSeconds: liveHeartbeatSeconds, log });
  addWholeLogRoute(router, coordinator);

  router.get('/static/style.css', (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = STYLESHEET;
  });

  router.get('/static/live-result.js', (ctx) => {
    ctx.type = 'text/javascript; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = LIVE_RESULT_SCRIPT;
  });

  return router;
}


// JSON for everything the web pages show: the dashboard, a package's history per tagset,
// and its results paged and filtered like the package page.
import type { Router } from '@koa/router';
import type { Coordinator } from '../coordinator/types.ts';
import { readPackageResultsQuery, readPositiveIntegerQuery } from '../http/read-query.ts';
import { toDashboardJson, toHistoryJson, toPackageResultsJson } from './page-json-views.ts';

export function addPageJsonRoutes(router: Router, coordinator: Coordinator): void {
  router.get('/dashboard', async (ctx) => {
    ctx.body = toDashboardJson(await coordinator.getDashboard(), ctx.state.basePath);
  });

  router.get('/packages/:package/history', async (ctx) => {
    const packageName = ctx.params.package!;
    ctx.body = toHistoryJson(packageName, await coordinator.getPackageHistory(packageName), ctx.state.basePath);
  });

  router.get('/packages/:package/results', async (ctx) => {
    const options = { ...readPackageResultsQuery(ctx.query), limit: readPositiveIntegerQuery(ctx.query, 'limit') };
    ctx.body = toPackageResultsJson(await coordinator.listPackageResults(ctx.params.package!, options), ctx.state.basePath);
  });
}

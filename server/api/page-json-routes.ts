// JSON for everything the web pages show: the dashboard, a package's history per tagset,
// and its results paged and filtered like the package page.
import type { Router } from '@koa/router';
import type { ResultOutcome } from '../rules/summarize-outcomes.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { toDashboardJson, toHistoryJson, toPackageResultsJson } from './page-json-views.ts';
import { readIntegerQuery, readSingleQuery, translateFieldErrors } from './route-helpers.ts';

const OUTCOMES: readonly ResultOutcome[] = ['passed', 'failed', 'unknown'];

export function addPageJsonRoutes(router: Router, coordinator: Coordinator): void {
  router.get('/dashboard', async (ctx) => {
    ctx.body = toDashboardJson(await coordinator.getDashboard());
  });

  router.get('/packages/:package/history', async (ctx) => {
    const packageName = ctx.params.package!;
    ctx.body = toHistoryJson(packageName, await coordinator.getPackageHistory(packageName));
  });

  router.get('/packages/:package/results', async (ctx) => {
    const given = ctx.query.tag;
    const tags = (given === undefined ? [] : Array.isArray(given) ? given : [given]).filter((tag) => tag !== '');
    const status = readSingleQuery(ctx, 'status') || undefined;
    const outcome = status === undefined ? undefined : OUTCOMES.find((candidate) => candidate === status);
    if (status !== undefined && outcome === undefined) {
      throw new HttpError(400, `the \`status\` query parameter must be one of ${OUTCOMES.join(', ')}, got ${JSON.stringify(status)}`);
    }
    const page = await translateFieldErrors(() => coordinator.listPackageResults(ctx.params.package!, {
      before: readIntegerQuery(ctx, 'before'),
      limit: readIntegerQuery(ctx, 'limit'),
      tags,
      host: readSingleQuery(ctx, 'host') || undefined,
      arch: readSingleQuery(ctx, 'arch') || undefined,
      outcome,
    }));
    ctx.body = toPackageResultsJson(page);
  });
}

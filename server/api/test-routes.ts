// Per-test queries of the JSON API: a result's test cases with what changed since the
// tagset's previous result, and one test's history across a package's tagsets.
import type { Router } from '@koa/router';
import type { Coordinator } from '../coordinator/types.ts';
import { UnknownResultError } from '../errors/domain-errors.ts';
import { readPositiveIntegerQuery, readTestIdentityQuery } from '../http/read-query.ts';
import { readKeyParam } from './read-key-param.ts';
import { toResultTestsJson, toTestHistoryJson } from './test-json-views.ts';

export function addTestRoutes(router: Router, coordinator: Coordinator): void {
  router.get('/results/:key/tests', async (ctx) => {
    const resultKey = readKeyParam(ctx.params.key);
    const tests = await coordinator.getResultTests(resultKey, { historyLength: readPositiveIntegerQuery(ctx.query, 'history') });
    if (!tests) {
      throw new UnknownResultError(resultKey);
    }
    ctx.body = toResultTestsJson(tests);
  });

  router.get('/packages/:package/tests/history', async (ctx) => {
    const options = {
      ...readTestIdentityQuery(ctx.query),
      limit: readPositiveIntegerQuery(ctx.query, 'limit'),
      before: readPositiveIntegerQuery(ctx.query, 'before'),
    };
    ctx.body = toTestHistoryJson(await coordinator.getTestHistory(ctx.params.package!, options), ctx.state.basePath);
  });
}

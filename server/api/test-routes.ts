// Per-test queries of the JSON API: a result's test cases with what changed since the
// tagset's previous result, and one test's history across a package's tagsets.
import type { Router } from '@koa/router';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { readIntegerQuery, readKeyParam, readSingleQuery, translateFieldErrors } from './route-helpers.ts';
import { toResultTestsJson, toTestHistoryJson } from './test-json-views.ts';

export function addTestRoutes(router: Router, coordinator: Coordinator): void {
  router.get('/results/:key/tests', async (ctx) => {
    const resultKey = readKeyParam(ctx.params.key);
    const historyLength = readIntegerQuery(ctx, 'history');
    const tests = await translateFieldErrors(() => coordinator.getResultTests(resultKey, { historyLength }));
    if (!tests) {
      throw new HttpError(404, `no result has the key ${resultKey}`);
    }
    ctx.body = toResultTestsJson(tests);
  });

  router.get('/packages/:package/tests/history', async (ctx) => {
    const name = readSingleQuery(ctx, 'name');
    if (name === undefined || name === '') {
      throw new HttpError(400, 'the `name` query parameter is required: the test\'s name (and `suite`, its suite, when it has one)');
    }
    const options = {
      suite: readSingleQuery(ctx, 'suite') ?? '',
      name,
      limit: readIntegerQuery(ctx, 'limit'),
      before: readIntegerQuery(ctx, 'before'),
    };
    const history = await translateFieldErrors(() => coordinator.getTestHistory(ctx.params.package!, options));
    ctx.body = toTestHistoryJson(history);
  });
}

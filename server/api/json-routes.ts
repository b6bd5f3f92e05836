// The JSON API under /api/v1/: the same coordinator operations as XML-RPC, for curl,
// browsers and other languages. Errors are `{"error": "..."}` with a 4xx status, answered
// by server/answer-errors.ts.
import { Router } from '@koa/router';
import type { ParsedUrlQuery } from 'node:querystring';
import type { WireStruct } from '../../wire/types.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { UnknownResultError } from '../errors/domain-errors.ts';
import { getClientIp } from '../http/client-ip.ts';
import { HttpError } from '../http/http-error.ts';
import { readRepeatedQuery, readTagsetSelector } from '../http/read-query.ts';
import type { TagsetSelector } from '../rules/select-tagsets.ts';
import { toExpectedJson } from './expected-json.ts';
import { toPackagesJson, toResultJson } from './json-views.ts';
import { addLiveBuildRoutes } from './live-build-routes.ts';
import { toLiveResultJson } from './live-result-json.ts';
import { addPageJsonRoutes } from './page-json-routes.ts';
import { readOptionalBodyField } from './read-json-body.ts';
import { readJsonWriteBody, writesClientInfo } from './read-json-write.ts';
import { readKeyParam } from './read-key-param.ts';
import { addTestRoutes } from './test-routes.ts';

export interface JsonRoutesOptions {
  coordinator: Coordinator;
  maxBodyBytes: number;
}

export function createJsonRoutes({ coordinator, maxBodyBytes }: JsonRoutesOptions): Router {
  const router = new Router({ prefix: '/api/v1' });

  const bodies = { coordinator, maxBodyBytes };

  router.post('/results', async (ctx) => {
    const body = await readJsonWriteBody(ctx, bodies, writesClientInfo);
    // The coordinator checks both bags, as it does for XML-RPC.
    const added = await coordinator.addResults(
      body.client_info as WireStruct, body.results_list as WireStruct[], { clientIp: getClientIp(ctx) });
    ctx.status = 201;
    ctx.set('Location', `${ctx.state.basePath}/api/v1/results/${added.resultKey}`);
    ctx.body = { result_key: added.resultKey, auth_key: added.authKey };
  });

  // Any state: a running build shows its steps so far and the running step's output.
  router.get('/results/:key', async (ctx) => {
    const resultKey = readKeyParam(ctx.params.key);
    const result = await coordinator.getLiveResult(resultKey);
    if (!result) {
      throw new UnknownResultError(resultKey);
    }
    ctx.body = toLiveResultJson(result);
  });

  router.post('/check-should-build', async (ctx) => {
    // A reservation turns other clients away, so only a reserving call is a write.
    const reserves = (body: WireStruct) => readOptionalBodyField(body, 'reserve_build', 'boolean') ?? true;
    const body = await readJsonWriteBody(ctx, bodies, (read) => (reserves(read) ? writesClientInfo(read) : undefined));
    const reserveBuild = reserves(body);
    const buildAllowance = readOptionalBodyField(body, 'build_allowance', 'number') ?? 0;
    const answer = await coordinator.checkShouldBuild(body.client_info as WireStruct, { reserveBuild, buildAllowance });
    ctx.body = { build: answer.build, reason: answer.reason };
  });

  router.post('/release-build', async (ctx) => {
    const body = await readJsonWriteBody(ctx, bodies, writesClientInfo);
    ctx.body = { released: await coordinator.releaseBuild(body.client_info as WireStruct) };
  });

  router.get('/expected', async (ctx) => {
    ctx.body = toExpectedJson(await coordinator.listExpectedBuilders(), ctx.state.basePath);
  });

  router.get('/packages', async (ctx) => {
    ctx.body = toPackagesJson(await coordinator.listPackages(), ctx.state.basePath);
  });

  router.get('/packages/:package/tagsets', async (ctx) => {
    const packageName = ctx.params.package!;
    ctx.body = { package: packageName, tagsets: await coordinator.getTagsetsForPackage(packageName) };
  });

  router.get('/packages/:package/latest', async (ctx) => {
    const packageName = ctx.params.package!;
    const tagset = readTagQuery(ctx.query, packageName);
    // A full tagset (with `__host=`, `__arch=`) is matched exactly, as get_last_result_for_tagset
    // does; visible tags plus `host`/`arch` are matched the way the page's latest URL does.
    const triple = tagset.some((tag) => tag.startsWith('__host=') || tag.startsWith('__arch='))
      ? await coordinator.getLastResultForTagset(packageName, tagset)
      : await findNewestBySelector(coordinator, packageName, readTagsetSelector(ctx.query));
    if (!triple) {
      throw new HttpError(404, `no result of package ${JSON.stringify(packageName)} has the tagset ${JSON.stringify(tagset)}`);
    }
    ctx.body = toResultJson(triple);
  });

  addLiveBuildRoutes(router, bodies);
  addTestRoutes(router, coordinator);
  addPageJsonRoutes(router, coordinator);
  return router;
}

// Visible tags with host and arch, as the page's latest URL names a tagset.
async function findNewestBySelector(coordinator: Coordinator, packageName: string, selector: TagsetSelector) {
  const [newest] = await coordinator.findTagsets(packageName, selector);
  return newest && coordinator.getResult(newest.latest.resultKey);
}

// `?tag=a&tag=b` lists the whole tagset; `__package=` may be left out since the path names it.
function readTagQuery(query: ParsedUrlQuery, packageName: string): string[] {
  const tags = readRepeatedQuery(query, 'tag');
  return tags.some((tag) => tag.startsWith('__package=')) ? tags : [...tags, `__package=${packageName}`];
}

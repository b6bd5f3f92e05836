// The JSON API under /api/v1/: the same coordinator operations as XML-RPC, for curl,
// browsers and other languages. Errors are `{"error": "..."}` with a 4xx status.
import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { WireStruct, WireValue } from '../../wire/types.ts';
import type { TagsetSelector } from '../rules/select-tagsets.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { describeWireValue, isWireStruct } from '../../wire/describe-value.ts';
import { getClientIp } from '../http/client-ip.ts';
import { HttpError } from '../http/http-error.ts';
import { toExpectedJson } from './expected-json.ts';
import { toPackagesJson, toResultJson } from './json-views.ts';
import { addPageJsonRoutes } from './page-json-routes.ts';
import { readJsonBody } from './read-json-body.ts';
import { readKeyParam, translateFieldErrors } from './route-helpers.ts';
import { addTestRoutes } from './test-routes.ts';
import { readTagsetSelector } from '../http/read-page-query.ts';

export interface JsonRoutesOptions {
  coordinator: Coordinator;
  maxBodyBytes: number;
}

export function createJsonRoutes({ coordinator, maxBodyBytes }: JsonRoutesOptions): Router {
  const router = new Router({ prefix: '/api/v1' });

  router.post('/results', async (ctx) => {
    const body = readObject(await readJsonBody(ctx, maxBodyBytes));
    const clientInfo = readStructField(body, 'client_info');
    const resultsList = readStepsField(body, 'results_list');
    const added = await translateFieldErrors(() =>
      coordinator.addResults(clientInfo, resultsList, { clientIp: getClientIp(ctx) }));
    ctx.status = 201;
    ctx.set('Location', `/api/v1/results/${added.resultKey}`);
    ctx.body = { result_key: added.resultKey, auth_key: added.authKey };
  });

  router.get('/results/:key', async (ctx) => {
    const resultKey = readKeyParam(ctx.params.key);
    const triple = await coordinator.getResult(resultKey);
    if (!triple) {
      throw new HttpError(404, `no result has the key ${resultKey}`);
    }
    ctx.body = toResultJson(triple);
  });

  router.post('/check-should-build', async (ctx) => {
    const body = readObject(await readJsonBody(ctx, maxBodyBytes));
    const clientInfo = readStructField(body, 'client_info');
    const reserveBuild = readOptionalField(body, 'reserve_build', 'boolean') ?? true;
    const buildAllowance = readOptionalField(body, 'build_allowance', 'number') ?? 0;
    const answer = await translateFieldErrors(() =>
      coordinator.checkShouldBuild(clientInfo, { reserveBuild, buildAllowance }));
    ctx.body = { build: answer.build, reason: answer.reason };
  });

  router.get('/expected', async (ctx) => {
    ctx.body = toExpectedJson(await coordinator.listExpectedBuilders());
  });

  router.get('/packages', async (ctx) => {
    ctx.body = toPackagesJson(await coordinator.listPackages());
  });

  router.get('/packages/:package/tagsets', async (ctx) => {
    const packageName = ctx.params.package!;
    ctx.body = { package: packageName, tagsets: await coordinator.getTagsetsForPackage(packageName) };
  });

  router.get('/packages/:package/latest', async (ctx) => {
    const packageName = ctx.params.package!;
    const tagset = readTagQuery(ctx, packageName);
    // A full tagset (with `__host=`, `__arch=`) is matched exactly, as get_last_result_for_tagset
    // does; visible tags plus `host`/`arch` are matched the way the page's latest URL does.
    const triple = tagset.some((tag) => tag.startsWith('__host=') || tag.startsWith('__arch='))
      ? await coordinator.getLastResultForTagset(packageName, tagset)
      : await findNewestBySelector(coordinator, packageName, readTagsetSelector(ctx));
    if (!triple) {
      throw new HttpError(404, `no result of package ${JSON.stringify(packageName)} has the tagset ${JSON.stringify(tagset)}`);
    }
    ctx.body = toResultJson(triple);
  });

  addTestRoutes(router, coordinator);
  addPageJsonRoutes(router, coordinator);
  return router;
}

function readObject(body: WireValue): WireStruct {
  if (!isWireStruct(body)) {
    throw new HttpError(400, `the request body must be a JSON object, got ${describeWireValue(body)}`);
  }
  return body;
}

function readStructField(body: WireStruct, field: string): WireStruct {
  const value = body[field];
  if (!isWireStruct(value)) {
    throw new HttpError(400, `\`${field}\` must be an object, got ${describeWireValue(value)}`);
  }
  return value;
}

function readStepsField(body: WireStruct, field: string): WireStruct[] {
  const value = body[field];
  if (!Array.isArray(value)) {
    throw new HttpError(400, `\`${field}\` must be an array of objects, got ${describeWireValue(value)}`);
  }
  value.forEach((step, index) => {
    if (!isWireStruct(step)) {
      throw new HttpError(400, `\`${field}[${index}]\` must be an object, got ${describeWireValue(step)}`);
    }
  });
  return value as WireStruct[];
}

function readOptionalField(body: WireStruct, field: string, type: 'boolean'): boolean | undefined;
function readOptionalField(body: WireStruct, field: string, type: 'number'): number | undefined;
function readOptionalField(body: WireStruct, field: string, type: 'boolean' | 'number'): WireValue | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== type) {
    throw new HttpError(400, `\`${field}\` must be a ${type}, got ${describeWireValue(value)}`);
  }
  return value;
}

// `?tag=a&tag=b` lists the whole tagset; `__package=` may be left out since the path names it.
async function findNewestBySelector(coordinator: Coordinator, packageName: string, selector: TagsetSelector) {
  const [newest] = await coordinator.findTagsets(packageName, selector);
  return newest && coordinator.getResult(newest.latest.resultKey);
}

function readTagQuery(ctx: Context, packageName: string): string[] {
  const given = ctx.query.tag;
  const tags = given === undefined ? [] : Array.isArray(given) ? given : [given];
  return tags.some((tag) => tag.startsWith('__package=')) ? tags : [...tags, `__package=${packageName}`];
}

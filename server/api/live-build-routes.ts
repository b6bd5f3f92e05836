// The live builds' JSON twins of begin_build, add_step, append_output and finish_build
// (docs/PROTOCOL.md, "Live builds"), and the list of builds running now. The update token
// travels in the path; the coordinator checks every field, as it does for XML-RPC.
import type { Router } from '@koa/router';
import type { WireStruct } from '../../wire/types.ts';
import { getClientIp } from '../http/client-ip.ts';
import { toRunningBuildsJson } from './live-result-json.ts';
import { readJsonWriteBody, writesClientInfo, writesLiveBuild, type JsonWriteOptions } from './read-json-write.ts';

export function addLiveBuildRoutes(router: Router, bodies: JsonWriteOptions): void {
  const { coordinator } = bodies;
  router.get('/builds', async (ctx) => {
    ctx.body = toRunningBuildsJson(await coordinator.listRunningBuilds(), ctx.state.basePath);
  });

  router.post('/builds', async (ctx) => {
    const body = await readJsonWriteBody(ctx, bodies, writesClientInfo);
    const begun = await coordinator.beginBuild(body.client_info as WireStruct, { clientIp: getClientIp(ctx) });
    ctx.status = 201;
    ctx.set('Location', `${ctx.state.basePath}/api/v1/results/${begun.resultKey}`);
    ctx.body = { result_key: begun.resultKey, update_token: begun.updateToken };
  });

  router.post('/builds/:token/steps', async (ctx) => {
    const body = await readJsonWriteBody(ctx, bodies, writesLiveBuild(ctx));
    await coordinator.addStep(ctx.params.token!, body.step);
    ctx.body = { ok: true };
  });

  router.post('/builds/:token/output', async (ctx) => {
    const body = await readJsonWriteBody(ctx, bodies, writesLiveBuild(ctx));
    await coordinator.appendOutput(ctx.params.token!, {
      stepIndex: body.step_index, stream: body.stream, text: body.text, offset: body.offset,
    });
    ctx.body = { ok: true };
  });

  router.post('/builds/:token/finish', async (ctx) => {
    const body = await readJsonWriteBody(ctx, bodies, writesLiveBuild(ctx));
    const finished = await coordinator.finishBuild(ctx.params.token!, body.client_info as WireStruct, body.results_list);
    ctx.body = { result_key: finished.resultKey, auth_key: finished.authKey };
  });
}

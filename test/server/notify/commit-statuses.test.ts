import http from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import Koa from 'koa';
import { parseServerConfig } from '../../../server/config/parse-server-config.ts';
import { createDeliveryLogRoutes } from '../../../server/web/delivery-log-route.ts';
import { postJson } from '../helpers/both-transports.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { openTestStore, startTestServer } from '../helpers/server.ts';
import { parseBody, startReceiver } from './helpers/receivers.ts';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const OTHER_SHA = 'fedcba9876543210fedcba9876543210fedcba98';

test('a live build sets its commit pending when it begins and failure when it ends; a whole result sets success; the log lists them', async (t) => {
  const forge = await startReceiver(t);
  const api = forge.url.replace(/\/hook$/, '');
  const { db, server } = await startTestServer(t, { config: parseServerConfig({
    public_url: 'https://ci.example.org/ci',
    commit_status: [{ api, token: 'forge-token', repositories: ['https://github.com/Example/Widget.git'] }],
    deliveries: { retry_delays: [0.02] },
  }) });
  const clientInfo = makeClientInfo({ repository: 'git@github.com:example/widget.git', revision: SHA, success: false });
  const begun = (await (await postJson(server.url, 'api/v1/builds', { client_info: clientInfo })).json()) as { result_key: number; update_token: string };
  await forge.waitFor((requests) => requests.length === 1);
  await postJson(server.url, `api/v1/builds/${begun.update_token}/finish`, { client_info: clientInfo, results_list: [makeStep({ name: 'make test', status: 1 })] });
  await forge.waitFor((requests) => requests.length === 2);
  const other = (await (await postJson(server.url, 'api/v1/results', {
    client_info: makeClientInfo({ repository: 'https://github.com/example/widget', revision: OTHER_SHA, tags: ['node22'] }), results_list: [makeStep()],
  })).json()) as { result_key: number };
  // Not a configured repository: no status.
  await postJson(server.url, 'api/v1/results', { client_info: makeClientInfo({ repository: 'https://github.com/example/gadget', revision: SHA }), results_list: [makeStep()] });
  await forge.waitFor((requests) => requests.length === 3);
  await server.close();

  t.deepEqual(forge.requests.map((request) => request.path), [
    `/repos/example/widget/statuses/${SHA}`, `/repos/example/widget/statuses/${SHA}`, `/repos/example/widget/statuses/${OTHER_SHA}`,
  ]);
  t.true(forge.requests.every((request) => request.headers.authorization === 'Bearer forge-token'));
  t.deepEqual(forge.requests.map(parseBody), [
    { state: 'pending', target_url: `https://ci.example.org/ci/results/${begun.result_key}`, description: 'Building on builder-1 (linux-x86_64)', context: 'pony-build/widget node20 builder-1 linux-x86_64' },
    { state: 'failure', target_url: `https://ci.example.org/ci/results/${begun.result_key}`, description: 'Failed at step 1 (make test) on builder-1 (linux-x86_64)', context: 'pony-build/widget node20 builder-1 linux-x86_64' },
    { state: 'success', target_url: `https://ci.example.org/ci/results/${other.result_key}`, description: 'Passed on builder-1 (linux-x86_64)', context: 'pony-build/widget node22 builder-1 linux-x86_64' },
  ]);

  // The delivery log: refused to anyone not signed in as an admin, and listing the queue to one.
  const { server: anonymous } = await startTestServer(t, { db });
  const refused = await fetch(new URL('admin/deliveries', anonymous.url));
  t.is(refused.status, 403);
  t.regex(await refused.text(), /sign in as an admin/);
  const store = await openTestStore(t, db);
  const app = new Koa();
  app.use(async (ctx, next) => {
    ctx.state.viewer = { adminName: 'root' };
    await next();
  });
  app.use(createDeliveryLogRoutes({ deliveries: store, basePath: '' }).routes());
  const site = http.createServer(app.callback()).listen(0, '127.0.0.1');
  t.teardown(() => site.close());
  await new Promise((resolve) => site.once('listening', resolve));
  const page = await (await fetch(`http://127.0.0.1:${(site.address() as AddressInfo).port}/admin/deliveries`)).text();
  const rows = [...page.matchAll(/<tr class="delivery-(\w+)" data-delivery-id="[\w-]+"><td>(\w+)<\/td><td>([^<]+)<\/td><td>(\w+)<\/td><td>(\d+)<\/td><td>\w+<\/td><td>(\d+)<\/td><td>\d+ ms<\/td>/g)]
    .map((match) => match.slice(1).join(' '));
  const port = new URL(api).host;
  t.deepEqual(rows, [
    `delivered commit_status ${port} example/widget@fedcba987654 success 1 200`,
    `delivered commit_status ${port} example/widget@0123456789ab failure 1 200`,
    `delivered commit_status ${port} example/widget@0123456789ab pending 1 200`,
  ]);
  t.false(page.includes('forge-token'));
});

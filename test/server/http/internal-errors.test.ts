// A failure inside the server is logged, answered without its details, and the server goes on.
import test, { type ExecutionContext } from 'ava';
import { createCoordinator, type Coordinator } from '../../../server/index.ts';
// Each request also leaves its own line (log-requests.test.ts); these tests read the others.
import { readErrorLines } from '../helpers/request-log.ts';
import { createTestStore, startTestApp } from '../helpers/server.ts';
import { makeClientInfo } from '../helpers/results.ts';
import { callExpectingFault, createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

async function makeBrokenCoordinator(t: ExecutionContext): Promise<Coordinator> {
  const real = createCoordinator(await createTestStore(t));
  return {
    ...real,
    async addResults() {
      throw new Error('disk on fire');
    },
    async listPackages() {
      throw new Error('index on fire');
    },
    async getDashboard() {
      throw new Error('index on fire');
    },
  };
}

test('an internal error in an XML-RPC method is a -32500 fault and is logged', async (t) => {
  const { url, logLines } = await startTestApp(t, { coordinator: await makeBrokenCoordinator(t) });
  const client = createThirdPartyClient(url);
  t.deepEqual(await callExpectingFault(client, 'add_results', [makeClientInfo(), []]), {
    faultCode: -32500,
    faultString: 'add_results: internal server error; the details are in the server log',
  });
  t.is(readErrorLines(logLines).length, 1);
  t.regex(readErrorLines(logLines)[0]!, /^internal error in XML-RPC method add_results: Error: disk on fire/);
  t.deepEqual(await client.call('get_tagsets_for_package', ['widget']), []);
});

test('an internal error on a page or the JSON API is a 500 without details, and is logged', async (t) => {
  const { url, logLines } = await startTestApp(t, { coordinator: await makeBrokenCoordinator(t) });
  const api = await fetch(new URL('api/v1/packages', url));
  t.is(api.status, 500);
  t.deepEqual(await api.json(), { error: 'internal server error; the details are in the server log' });
  const page = await fetch(new URL('', url));
  t.is(page.status, 500);
  t.false((await page.text()).includes('index on fire'));
  t.is(readErrorLines(logLines).length, 2);
  t.regex(readErrorLines(logLines)[0]!, /^internal error on GET \/api\/v1\/packages: Error: index on fire/);
  t.is((await fetch(new URL('static/style.css', url))).status, 200);
});

// One operation sent over XML-RPC and over the JSON API, so a test shows that both transports
// refuse the same input with the same words: the rules live in one place.
import type { ExecutionContext } from 'ava';
import { countRows } from './server.ts';
import { callExpectingFault, createThirdPartyClient } from './xmlrpc-client.ts';

const JSON_ROUTES = {
  add_results: 'api/v1/results',
  check_should_build: 'api/v1/check-should-build',
  release_build: 'api/v1/release-build',
} as const;

export type BagMethod = keyof typeof JSON_ROUTES;

export interface Bags {
  client_info: unknown;
  results_list?: unknown;
}

export function postJson(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL(path, url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
}

/**
 * Sends the bags both ways and checks the answers: fault -32602 `<method>: <message>` over
 * XML-RPC, 400 `{"error": "<message>"}` over JSON, and no result stored by either.
 */
export async function assertRefusedBothWays(
  t: ExecutionContext,
  server: { url: string; db: string },
  method: BagMethod,
  bags: Bags,
  message: string,
): Promise<void> {
  const storedBefore = await countRows(server.db);
  const params = method === 'add_results' ? [bags.client_info, bags.results_list] : [bags.client_info];
  const fault = await callExpectingFault(createThirdPartyClient(server.url), method, params);
  t.deepEqual(fault, { faultCode: -32602, faultString: `${method}: ${message}` }, `${method} over XML-RPC`);
  const response = await postJson(server.url, JSON_ROUTES[method], bags);
  t.is(response.status, 400, `${method} over JSON`);
  t.deepEqual(await response.json(), { error: message }, `${method} over JSON`);
  t.is(await countRows(server.db), storedBefore);
}

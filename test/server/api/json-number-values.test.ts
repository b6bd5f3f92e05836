// Numbers JSON cannot say on its own: whole doubles (a plain number in answers, a double again
// over XML-RPC) and 64-bit integers ($bigint, bounded as XML-RPC's <i8>).
import test from 'ava';
import { parseMethodResponse, serializeMethodCall } from '../../../wire/xmlrpc/index.ts';
import { WholeDouble } from '../../../wire/whole-double.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { countRows, startTestServer } from '../helpers/server.ts';
import { postXml } from '../helpers/xmlrpc-client.ts';

const BIGINT_RANGE = 'a decimal integer of at most 64 bits (-9223372036854775808 to 9223372036854775807)';

function postJson(url: string, path: string, body: unknown) {
  return fetch(new URL(path, url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function getJson(url: string, path: string): Promise<any> {
  const response = await fetch(new URL(path, url));
  return { status: response.status, text: await response.clone().text(), body: await response.json() };
}

async function getResultsOverXmlRpc(url: string, resultKey: number) {
  const { text } = await postXml(url, serializeMethodCall('get_results', [resultKey]));
  return { text, value: parseMethodResponse(text) as [Record<string, unknown>, Record<string, unknown>, Array<Record<string, unknown>>] };
}

test('a whole double is a plain number in JSON answers, and a double again over XML-RPC', async (t) => {
  const { url } = await startTestServer(t, { now: () => 1_700_000_000 });
  const clientInfo = makeClientInfo({ duration: new WholeDouble(2) });
  const step = makeStep({
    duration: new WholeDouble(3),
    test_cases: [{ name: 'adds', suite: 'math', status: 'passed', duration: new WholeDouble(1) }],
  });
  const added = await postXml(url, serializeMethodCall('add_results', [clientInfo, [step]]));
  t.is(added.status, 200);

  const result = await getJson(url, 'api/v1/results/1');
  t.is(result.body.receipt.time, 1_700_000_000);
  t.is(result.body.client_info.duration, 2);
  t.is(result.body.results_list[0].duration, 3);
  t.is(result.body.results_list[0].test_cases[0].duration, 1);
  t.false(result.text.includes('$double'));
  t.is((await getJson(url, 'api/v1/results/1/tests')).body.test_cases[0].duration, 1);
  t.is((await getJson(url, 'api/v1/packages')).body.packages[0].tagsets[0].latest.duration, 2);

  const { text, value: [receipt, storedInfo, [storedStep]] } = await getResultsOverXmlRpc(url, 1);
  t.true(text.includes('<name>time</name><value><double>1700000000.0</double></value>'));
  t.deepEqual(receipt.time, new WholeDouble(1_700_000_000));
  t.deepEqual(storedInfo.duration, new WholeDouble(2));
  t.deepEqual(storedStep!.duration, new WholeDouble(3));
  t.is(storedStep!.status, 0);
});

test('{"$double": n} in a JSON body is stored as a double, and reads as a number where one is expected', async (t) => {
  const { url } = await startTestServer(t);
  const response = await postJson(url, 'api/v1/results', {
    client_info: makeClientInfo({ duration: { $double: 2 } }),
    results_list: [makeStep({ duration: { $double: 0.5 } })],
  });
  t.is(response.status, 201);
  const { value: [, storedInfo, [storedStep]] } = await getResultsOverXmlRpc(url, 1);
  t.deepEqual(storedInfo.duration, new WholeDouble(2));
  t.is(storedStep!.duration, 0.5);
  const check = await postJson(url, 'api/v1/check-should-build', { client_info: makeClientInfo(), build_allowance: { $double: 3600 } });
  t.is(check.status, 200);
});

test('a $bigint of 900,000 digits is a 400 naming the field, and nothing is stored', async (t) => {
  const { url, db } = await startTestServer(t);
  t.is((await postJson(url, 'api/v1/results', { client_info: makeClientInfo(), results_list: [makeStep()] })).status, 201);
  const digits = '9'.repeat(900_000);
  const response = await postJson(url, 'api/v1/results', {
    client_info: makeClientInfo(),
    results_list: [makeStep(), makeStep(), makeStep({ duration: { $bigint: digits } })],
  });
  t.is(response.status, 400);
  t.deepEqual(await response.json(), {
    error: `body.results_list[2].duration: expected {"$bigint": ...} to hold ${BIGINT_RANGE}, got "${'9'.repeat(60)}"... (900000 characters)`,
  });
  t.is(await countRows(db), 1);
});

test('a $bigint one beyond 64 bits is a 400; the 64-bit extremes round-trip through JSON and XML-RPC', async (t) => {
  const { url, db } = await startTestServer(t);
  const beyond = await postJson(url, 'api/v1/results', {
    client_info: makeClientInfo({ big: { $bigint: '-9223372036854775809' } }), results_list: [],
  });
  t.is(beyond.status, 400);
  t.deepEqual(await beyond.json(), {
    error: `body.client_info.big: expected {"$bigint": ...} to hold ${BIGINT_RANGE}, got "-9223372036854775809"`,
  });
  t.is(await countRows(db), 0);

  const extremes = { max: { $bigint: '9223372036854775807' }, min: { $bigint: '-9223372036854775808' } };
  t.is((await postJson(url, 'api/v1/results', { client_info: makeClientInfo(extremes), results_list: [] })).status, 201);
  const { body } = await getJson(url, 'api/v1/results/1');
  t.deepEqual([body.client_info.max, body.client_info.min], [extremes.max, extremes.min]);
  const { value: [, storedInfo] } = await getResultsOverXmlRpc(url, 1);
  t.deepEqual([storedInfo.max, storedInfo.min], [2n ** 63n - 1n, -(2n ** 63n)]);
});

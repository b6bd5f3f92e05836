// The fields the server reads must have their protocol types, over XML-RPC and JSON alike:
// a wrong one is refused with the field named, and nothing is stored.
import test from 'ava';
import { assertRefusedBothWays, postJson } from '../helpers/both-transports.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { startTestServer } from '../helpers/server.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

test('a success sent as the string "false" is refused, not stored as a pass', async (t) => {
  const server = await startTestServer(t);
  await assertRefusedBothWays(t, server, 'add_results', { client_info: makeClientInfo({ success: 'false' }), results_list: [] },
    'client_info.success must be a boolean, got `false` (string)');
});

test('success and duration of other types are refused, naming the field', async (t) => {
  const server = await startTestServer(t);
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ success: [] }, 'client_info.success must be a boolean, got `[]` (array)'],
    [{ success: 1.5 }, 'client_info.success must be a boolean, got `1.5` (double)'],
    [{ duration: '12' }, 'client_info.duration must be an int or double, got `12` (string)'],
  ];
  for (const [fields, message] of cases) {
    await assertRefusedBothWays(t, server, 'add_results', { client_info: makeClientInfo(fields), results_list: [] }, message);
  }
});

test('step fields the pages read are refused when of another type, naming the step', async (t) => {
  const server = await startTestServer(t);
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ status: '0' }, 'results_list[1].status must be an int, got `0` (string)'],
    [{ status: 0.5 }, 'results_list[1].status must be an int, got `0.5` (double)'],
    [{ name: ['make'] }, 'results_list[1].name must be a string, got `["make"]` (array)'],
    [{ type: 3 }, 'results_list[1].type must be a string, got `3` (int)'],
    [{ output: 5 }, 'results_list[1].output must be a string or base64, got `5` (int)'],
    [{ errout: { text: 'x' } }, 'results_list[1].errout must be a string or base64, got `{"text":"x"}` (struct)'],
    [{ duration: true }, 'results_list[1].duration must be an int or double, got `true` (boolean)'],
  ];
  for (const [fields, message] of cases) {
    await assertRefusedBothWays(t, server, 'add_results', { client_info: makeClientInfo(), results_list: [makeStep(), makeStep(fields)] }, message);
  }
});

test('what the protocol allows is stored: int flags, nil, absent fields, bytes, and keys of the client\'s own', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  const outcomes: Array<[unknown, string]> = [[1, 'passed'], [0, 'failed'], [null, 'failed'], [undefined, 'unknown']];
  for (const [success, status] of outcomes) {
    const { success: _left, ...withoutSuccess } = makeClientInfo({ tags: [status] });
    const clientInfo = success === undefined ? withoutSuccess : { ...withoutSuccess, success };
    const steps = [{ status: null, name: null, output: Buffer.from([0xff, 0xfe]) }, { command: 7, extra: ['anything'] }];
    const [key] = await client.call('add_results', [clientInfo, steps]);
    const page = await (await fetch(new URL(`api/v1/packages/widget/results?tag=${status}`, url))).json() as any;
    t.is(page.results[0].result_key, key);
    t.is(page.results[0].status, status, `success ${String(success)}`);
  }
  const json = await postJson(url, 'api/v1/results', {
    client_info: makeClientInfo({ success: 1, duration: null }),
    results_list: [makeStep({ errout: { $bytes: Buffer.from([0xff]).toString('base64') }, status: -1, duration: 0 })],
  });
  t.is(json.status, 201);
});

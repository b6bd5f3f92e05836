// limits.step_output_bytes and limits.test_cases_per_result against a real server and
// database, over both transports: a client that is not ours may send any amount of output, and
// the server keeps head and tail; a result with too many test cases is refused whole.
import test, { type ExecutionContext } from 'ava';
import { formatServerCutMarker } from '../../../server/client-input/bound-step-output.ts';
import { parseServerConfig } from '../../../server/index.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { countRows, startTestServer } from '../helpers/server.ts';
import { createLiveClient, readLiveResult, readRefusal, TRANSPORTS, type Transport } from '../helpers/live-client.ts';

const LIMITS = { step_output_bytes: 1024, test_cases_per_result: 10 };

async function setUp(t: ExecutionContext, transport: Transport) {
  const server = await startTestServer(t, { config: parseServerConfig({ limits: LIMITS }) });
  return { ...server, live: createLiveClient(transport, server.url) };
}

// 600 bytes of head, 3000 of middle, 600 of tail: 512 of each end are kept.
const LONG_OUTPUT = `${'h'.repeat(600)}${'m'.repeat(3000)}${'t'.repeat(600)}`;
const KEPT_OUTPUT = `${'h'.repeat(512)}${formatServerCutMarker(3176)}${'t'.repeat(512)}`;

function makeTestCases(count: number) {
  return Array.from({ length: count }, (_, index) => ({ name: `test_${index}`, status: 'passed' }));
}

const REFUSED_CASES = (what: string, count: number) => `${what} holds ${count} test cases; this server takes at most 10 test cases `
  + 'per result (limits.test_cases_per_result is 10); nothing was stored';

const refusalCode = (transport: Transport) => (transport === 'xmlrpc' ? -32602 : 400);
const prefixed = (transport: Transport, method: string, message: string) => (transport === 'xmlrpc' ? `${method}: ${message}` : message);

for (const transport of TRANSPORTS) {
  test(`${transport}: add_results keeps the head and tail of each stream past step_output_bytes`, async (t) => {
    const { url, live } = await setUp(t, transport);
    const stored = await live.addResults(makeClientInfo(), [
      makeStep({ output: LONG_OUTPUT, errout: LONG_OUTPUT, errout_truncated_bytes: 5000 }),
      makeStep({ name: 'test' }),
    ]);
    const [make, check] = (await readLiveResult(url, stored.resultKey)).results_list;
    t.is(make.output, KEPT_OUTPUT);
    t.is(make.output_truncated_bytes, 3176);
    t.is(make.errout, KEPT_OUTPUT);
    t.is(make.errout_truncated_bytes, 8176, 'added to what the client cut');
    t.deepEqual(check, makeStep({ name: 'test' }));
  });

  test(`${transport}: add_step and finish_build's results_list keep the head and tail past step_output_bytes`, async (t) => {
    const { url, live } = await setUp(t, transport);
    const begun = await live.beginBuild(makeClientInfo({ success: false }));
    await live.addStep(begun.updateToken, makeStep({ errout: LONG_OUTPUT }));
    const running = (await readLiveResult(url, begun.resultKey)).results_list[0];
    t.is(running.errout, KEPT_OUTPUT);
    t.is(running.errout_truncated_bytes, 3176);

    await live.finishBuild(begun.updateToken, makeClientInfo(), [makeStep({ output: LONG_OUTPUT })]);
    const finished = (await readLiveResult(url, begun.resultKey)).results_list[0];
    t.is(finished.output, KEPT_OUTPUT);
    t.is(finished.output_truncated_bytes, 3176);
  });

  test(`${transport}: a result with more test cases than test_cases_per_result is refused whole`, async (t) => {
    const { url, db, live } = await setUp(t, transport);
    const tooMany = [makeStep({ test_cases: makeTestCases(6) }), makeStep({ name: 'test', test_cases: makeTestCases(5) })];
    t.deepEqual(await readRefusal(live.addResults(makeClientInfo(), tooMany)),
      { code: refusalCode(transport), message: prefixed(transport, 'add_results', REFUSED_CASES('results_list', 11)) });
    t.is(await countRows(db), 0);

    const begun = await live.beginBuild(makeClientInfo({ success: false }));
    t.deepEqual(await readRefusal(live.addStep(begun.updateToken, makeStep({ test_cases: makeTestCases(11) }))),
      { code: refusalCode(transport), message: prefixed(transport, 'add_step', REFUSED_CASES('step', 11)) });
    t.deepEqual(await readRefusal(live.finishBuild(begun.updateToken, makeClientInfo(), tooMany)),
      { code: refusalCode(transport), message: prefixed(transport, 'finish_build', REFUSED_CASES('results_list', 11)) });
    const unchanged = await readLiveResult(url, begun.resultKey);
    t.is(unchanged.state, 'running');
    t.deepEqual(unchanged.results_list, []);

    const withinLimit = [makeStep({ test_cases: makeTestCases(10) })];
    const stored = await live.addResults(makeClientInfo(), withinLimit);
    t.is((await readLiveResult(url, stored.resultKey)).results_list[0].test_cases.length, 10);
  });

  test(`${transport}: a live build's steps count their test cases together against test_cases_per_result`, async (t) => {
    const { url, live } = await setUp(t, transport);
    const begun = await live.beginBuild(makeClientInfo({ success: false }));
    const unit = makeStep({ name: 'unit', test_cases: makeTestCases(4) });
    const integration = makeStep({ name: 'integration', test_cases: makeTestCases(6) });
    await live.addStep(begun.updateToken, unit);
    await live.addStep(begun.updateToken, integration);
    await live.addStep(begun.updateToken, integration); // a retry at the limit is taken, and not added twice

    const crossing = makeStep({ name: 'smoke', test_cases: makeTestCases(1) });
    t.deepEqual(await readRefusal(live.addStep(begun.updateToken, crossing)),
      { code: refusalCode(transport), message: prefixed(transport, 'add_step', REFUSED_CASES('results_list with this step', 11)) });
    await live.addStep(begun.updateToken, makeStep({ name: 'package' }));

    const running = await readLiveResult(url, begun.resultKey);
    t.deepEqual(running.results_list.map((step: { name: string }) => step.name), ['unit', 'integration', 'package']);
  });
}

test('by default each stream keeps 1 MiB: its first and last 512 KiB', async (t) => {
  const { url } = await startTestServer(t);
  const live = createLiveClient('json', url);
  const head = 'a'.repeat(512 * 1024);
  const tail = 'z'.repeat(512 * 1024);
  const stored = await live.addResults(makeClientInfo(), [makeStep({ output: `${head}${'m'.repeat(3 * 1024 * 1024)}${tail}` })]);
  const step = (await readLiveResult(url, stored.resultKey)).results_list[0];
  t.is(step.output_truncated_bytes, 3 * 1024 * 1024);
  t.true(step.output === `${head}${formatServerCutMarker(3 * 1024 * 1024)}${tail}`);
});

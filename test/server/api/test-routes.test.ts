import test from 'ava';
import { createClock, startTestApp, startTestServer } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

async function postResult(url: string, clientInfo: unknown, resultsList: unknown[]) {
  const response = await fetch(new URL('api/v1/results', url), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ client_info: clientInfo, results_list: resultsList }),
  });
  return ((await response.json()) as { result_key: number }).result_key;
}

async function getJson(url: string, path: string) {
  const response = await fetch(new URL(path, url));
  return { status: response.status, body: (await response.json()) as any };
}

test('GET /api/v1/results/:key/tests answers the cases and what changed since the previous result', async (t) => {
  const clock = createClock();
  const { url } = await startTestApp(t, { now: clock.now });
  const previous = await postResult(url, makeClientInfo({ revision: 'r1' }),
    [makeTestStep([makeTestCase({ name: 'heals', status: 'failed' }), makeTestCase({ name: 'wobbles', status: 'failed' })])]);
  clock.advance(60);
  const key = await postResult(url, makeClientInfo({ revision: 'r1' }), [makeStep(), makeTestStep([
    makeTestCase({ name: 'heals' }),
    makeTestCase({ name: 'wobbles' }),
    makeTestCase({ name: 'breaks', status: 'failed', message: 'expected 1', details: 'at line 3', output: 'log' }),
  ], { test_report_mismatch: 'exit status 0 but 1 test failed', test_report_warnings: ['report truncated'] })]);
  const { status, body } = await getJson(url, `api/v1/results/${key}/tests`);
  t.is(status, 200);
  t.like(body, {
    result_key: key,
    package: 'widget',
    previous_result_key: previous,
    test_counts: { total: 3, passed: 2, failed: 1, error: 0, skipped: 0, todo: 0 },
    new_failures: [{ suite: 'math', name: 'breaks' }],
    fixed: [{ suite: 'math', name: 'heals' }, { suite: 'math', name: 'wobbles' }],
    still_failing: [],
    flaky: [{ suite: 'math', name: 'heals' }, { suite: 'math', name: 'wobbles' }],
  });
  t.deepEqual(body.steps, [{
    step_index: 1, name: 'test', test_counts: body.test_counts,
    test_report_warnings: ['report truncated'], test_report_mismatch: 'exit status 0 but 1 test failed',
  }]);
  t.deepEqual(body.test_cases[0], {
    step_index: 1, suite: 'math', name: 'breaks', file: 'test/math.test.js', status: 'failed', duration: 0.01,
    message: 'expected 1', details: 'at line 3', output: 'log', change: 'new-failure', flaky: false,
    history: [{ result_key: key, status: 'failed', revision: 'r1' }, { result_key: previous, status: null, revision: 'r1' }],
  });
  const short = await getJson(url, `api/v1/results/${key}/tests?history=1`);
  t.is(short.body.test_cases[0].history.length, 1);
});

test('GET /api/v1/packages/:package/tests/history answers one test across tagsets', async (t) => {
  const clock = createClock();
  const { url } = await startTestApp(t, { now: clock.now });
  const first = await postResult(url, makeClientInfo({ tags: ['a'] }), [makeTestStep([makeTestCase({ suite: 'my suite', name: 'a & b' })])]);
  clock.advance(60);
  const second = await postResult(url, makeClientInfo({ tags: ['b'], revision: 'r9' }),
    [makeTestStep([makeTestCase({ suite: 'my suite', name: 'a & b', status: 'failed', message: 'no' })])]);
  const query = `suite=${encodeURIComponent('my suite')}&name=${encodeURIComponent('a & b')}`;
  const { status, body } = await getJson(url, `api/v1/packages/widget/tests/history?${query}&limit=1`);
  t.is(status, 200);
  t.deepEqual(body, {
    package: 'widget', suite: 'my suite', name: 'a & b',
    history: [{
      result_key: second, status: 'failed', duration: 0.01, message: 'no', time: 1_700_000_060,
      tagset: ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'b'], tags: ['b'],
      host: 'builder-1', arch: 'linux-x86_64', revision: 'r9', url: `/results/${second}`,
    }],
    next_before: second,
  });
  const older = await getJson(url, `api/v1/packages/widget/tests/history?${query}&before=${second}`);
  t.deepEqual(older.body.history.map((entry: any) => entry.result_key), [first]);
  t.is(older.body.next_before, null);
});

test('bad test queries are 4xx with a JSON error', async (t) => {
  const { url } = await startTestServer(t);
  const key = await postResult(url, makeClientInfo(), [makeTestStep([makeTestCase()])]);
  const cases: Array<[string, number, string]> = [
    ['api/v1/results/999/tests', 404, 'no result has the key 999'],
    ['api/v1/results/abc/tests', 400, 'a result key is a positive integer, got "abc"'],
    [`api/v1/results/${key}/tests?history=0`, 400, 'the `history` query parameter must be a positive integer, got "0"'],
    [`api/v1/results/${key}/tests?history=101`, 400, 'historyLength must be an integer from 1 to 100, got `101` (int)'],
    ['api/v1/packages/widget/tests/history?suite=math', 400, 'the `name` query parameter is required: the test\'s name (and `suite`, its suite, when it has one)'],
    ['api/v1/packages/widget/tests/history?name=a&name=b', 400, 'the `name` query parameter may be given once, got 2 values'],
    ['api/v1/packages/widget/tests/history?name=a&limit=x', 400, 'the `limit` query parameter must be a positive integer, got "x"'],
    ['api/v1/packages/widget/tests/history?name=a&limit=501', 400, 'limit must be an integer from 1 to 500, got `501` (int)'],
  ];
  for (const [path, status, error] of cases) {
    const response = await getJson(url, path);
    t.is(response.status, status, path);
    t.deepEqual(response.body, { error }, path);
  }
  const unknown = await getJson(url, 'api/v1/packages/nothing/tests/history?name=a');
  t.deepEqual(unknown, { status: 200, body: { package: 'nothing', suite: '', name: 'a', history: [], next_before: null } });
});

test('junk test_cases never break add_results, and get_results returns exactly what was sent', async (t) => {
  const { url } = await startTestServer(t);
  const client = createThirdPartyClient(url);
  const junkSteps = [
    makeStep({ test_cases: 'not a list', test_counts: 'nonsense', test_report_warnings: 5, test_report_mismatch: ['x'] }),
    makeStep({ test_cases: [1, 'two', null, [], { name: 3 }, { suite: 'no name' }, { name: 'odd', status: 'weird', duration: 'slow', message: 7 }] }),
    makeTestStep([makeTestCase({ name: 'kept', status: 'failed', message: '<b>' })]),
  ];
  const clientInfo = makeClientInfo();
  const [key] = await client.call('add_results', [clientInfo, junkSteps]);
  const [, storedClientInfo, storedSteps] = await client.call('get_results', [key]);
  t.deepEqual(storedClientInfo, clientInfo);
  t.deepEqual(storedSteps, junkSteps);
  const { body } = await getJson(url, `api/v1/results/${key}/tests`);
  t.deepEqual(body.test_cases.map((testCase: any) => [testCase.step_index, testCase.name, testCase.status, testCase.message]),
    [[1, 'odd', 'error', null], [2, 'kept', 'failed', '<b>']]);
  t.deepEqual(body.steps.map((step: any) => step.step_index), [1, 2]);
  const json = await getJson(url, `api/v1/results/${key}`);
  t.deepEqual(json.body.results_list, junkSteps);
});

// Live builds over both transports (XML-RPC and /api/v1/builds), against a real server and
// database: what a running build shows, what old clients never see, retries, and refusals.
import test, { type ExecutionContext } from 'ava';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { countRows, startTestServer } from '../helpers/server.ts';
import { createLiveClient, readLiveResult, readRefusal, TRANSPORTS, type Transport } from '../helpers/live-client.ts';
import { callExpectingFault, createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

const TAGSET = ['__arch=linux-x86_64', '__host=builder-1', '__package=widget', 'node20'];

// What a client knows when the build begins: no duration yet, success false.
function makeBegunInfo(overrides: Record<string, unknown> = {}) {
  const { duration: _duration, ...begun } = makeClientInfo({ success: false, submission_id: 'a6f0e2c4-8b1d-4e5f-9a7c-3d2b1e0f9a8b' });
  return { ...begun, ...overrides };
}

async function setUp(t: ExecutionContext, transport: Transport) {
  const server = await startTestServer(t);
  return { ...server, live: createLiveClient(transport, server.url), rpc: createThirdPartyClient(server.url) };
}

for (const transport of TRANSPORTS) {
  test(`${transport}: a running build shows its steps so far and the running step's output, and finishing stores exactly the results_list sent`, async (t) => {
    const { url, db, live, rpc } = await setUp(t, transport);
    const begun = await live.beginBuild(makeBegunInfo());
    t.is(begun.resultKey, 1);
    t.regex(begun.updateToken, /^[0-9a-f]{64}$/);
    const empty = await readLiveResult(url, begun.resultKey);
    t.is(empty.state, 'running');
    t.deepEqual(empty.results_list, []);
    t.deepEqual(empty.running_step, { index: 0, output: '', errout: '' });

    await live.appendOutput(begun.updateToken, 0, 'output', 'configuring\n', 0);
    await live.appendOutput(begun.updateToken, 0, 'errout', 'warning: old compiler\n', 0);
    await live.appendOutput(begun.updateToken, 0, 'output', 'done\n', 12);
    t.deepEqual((await readLiveResult(url, begun.resultKey)).running_step,
      { index: 0, output: 'configuring\ndone\n', errout: 'warning: old compiler\n' });

    const configure = makeStep({ name: 'configure', output: 'configuring\ndone\n', errout: 'warning: old compiler\n' });
    await live.addStep(begun.updateToken, configure);
    await live.appendOutput(begun.updateToken, 1, 'output', 'compiling', 0);
    const running = await readLiveResult(url, begun.resultKey);
    t.is(running.state, 'running');
    t.deepEqual(running.results_list, [configure]);
    t.deepEqual(running.running_step, { index: 1, output: 'compiling', errout: '' });

    // Old clients never see half a build.
    t.deepEqual(await callExpectingFault(rpc, 'get_results', [begun.resultKey]), {
      faultCode: 1,
      faultString: 'get_results: result 1 is still running; its steps so far are at GET /api/v1/results/1',
    });
    t.is(await rpc.call('get_last_result_for_tagset', ['widget', TAGSET]), 0);
    t.deepEqual(await rpc.call('get_tagsets_for_package', ['widget']), []);
    t.deepEqual((await (await fetch(new URL('api/v1/dashboard', url))).json() as any).tagsets, []);

    const finalInfo = makeBegunInfo({ success: true, duration: 12.5 });
    const make = makeStep({ output: 'compiling\nlinked\n' });
    // The authoritative list replaces what was added live, so it equals what add_results would store.
    const finished = await live.finishBuild(begun.updateToken, finalInfo, [configure, make]);
    t.is(finished.resultKey, begun.resultKey);
    t.regex(finished.authKey, /^[0-9a-f]{64}$/);
    const stored = await readLiveResult(url, begun.resultKey);
    t.is(stored.state, 'finished');
    t.false('running_step' in stored);
    t.deepEqual(stored.client_info, finalInfo);
    t.deepEqual(stored.results_list, [configure, make]);
    const [, clientInfo, resultsList] = await rpc.call('get_results', [begun.resultKey]);
    t.deepEqual([clientInfo, resultsList], [finalInfo, [configure, make]]);
    t.is((await rpc.call('get_last_result_for_tagset', ['widget', TAGSET]))[0].result_key, '1');
    t.is(await countRows(db), 1);

    // The auth_key finish_build answers authorises uploads, as add_results' does.
    const query = new URLSearchParams({ description: 'log', filename: 'build.log', auth_key: finished.authKey, visible: 'yes' });
    const upload = await fetch(new URL(`upload?${query}`, url), { method: 'POST', body: 'the whole log\n' });
    t.is(await upload.text(), 'stored build.log (14 bytes) with result 1\n');
  });

  test(`${transport}: retried calls store nothing twice`, async (t) => {
    const { url, db, live } = await setUp(t, transport);
    const begun = await live.beginBuild(makeBegunInfo());
    t.deepEqual(await live.beginBuild(makeBegunInfo()), begun);

    await live.appendOutput(begun.updateToken, 0, 'output', 'abc', 0);
    await live.appendOutput(begun.updateToken, 0, 'output', 'abc', 0);
    // A retry that carries more than was held adds only what is new.
    await live.appendOutput(begun.updateToken, 0, 'output', 'bcdef', 1);
    await live.appendOutput(begun.updateToken, 0, 'output', 'def', 3);
    // Without an offset the text is appended.
    await live.appendOutput(begun.updateToken, 0, 'output', '!');
    t.is((await readLiveResult(url, begun.resultKey)).running_step.output, 'abcdef!');

    const step = makeStep({ output: 'abcdef!' });
    await live.addStep(begun.updateToken, step);
    await live.addStep(begun.updateToken, step);
    // Output of a step already added arrives late: the step holds all of it.
    await live.appendOutput(begun.updateToken, 0, 'output', 'late', 7);
    const running = await readLiveResult(url, begun.resultKey);
    t.deepEqual(running.results_list, [step]);
    t.deepEqual(running.running_step, { index: 1, output: '', errout: '' });

    const finished = await live.finishBuild(begun.updateToken, makeBegunInfo({ success: true }), [step]);
    t.deepEqual(await live.finishBuild(begun.updateToken, makeBegunInfo({ success: false }), []), finished);
    const stored = await readLiveResult(url, begun.resultKey);
    t.is(stored.client_info.success, true);
    t.deepEqual(stored.results_list, [step]);
    // A begin_build resent after the finish answers the same build, which takes no more steps.
    t.deepEqual(await live.beginBuild(makeBegunInfo()), begun);
    t.is(await countRows(db), 1);
  });

  test(`${transport}: finishing without a results_list keeps the steps added live`, async (t) => {
    const { url, live } = await setUp(t, transport);
    const begun = await live.beginBuild(makeBegunInfo());
    const steps = [makeStep({ name: 'configure' }), makeStep({ name: 'make' })];
    for (const step of steps) {
      await live.addStep(begun.updateToken, step);
    }
    await live.appendOutput(begun.updateToken, 2, 'output', 'never finished', 0);
    await live.finishBuild(begun.updateToken, makeBegunInfo({ success: true }));
    const stored = await readLiveResult(url, begun.resultKey);
    t.is(stored.state, 'finished');
    t.deepEqual(stored.results_list, steps);
  });

  test(`${transport}: calls with an unknown token, for a finished build, or with wrong fields are refused by name`, async (t) => {
    const { db, live } = await setUp(t, transport);
    const [unauthorised, invalid, conflict] = transport === 'xmlrpc' ? [-32602, -32602, -32602] : [401, 400, 409];
    const prefix = (method: string) => (transport === 'xmlrpc' ? `${method}: ` : '');
    const unknown = 'unknown update token; use the update_token that begin_build returned';
    t.deepEqual(await readRefusal(live.addStep('f'.repeat(64), makeStep())), { code: unauthorised, message: `${prefix('add_step')}${unknown}` });
    t.deepEqual(await readRefusal(live.appendOutput('nope', 0, 'output', 'x', 0)),
      { code: unauthorised, message: `${prefix('append_output')}${unknown}` });
    t.deepEqual(await readRefusal(live.finishBuild('nope', makeBegunInfo(), [])),
      { code: unauthorised, message: `${prefix('finish_build')}${unknown}` });

    const begun = await live.beginBuild(makeBegunInfo());
    t.deepEqual(await readRefusal(live.appendOutput(begun.updateToken, 0, 'stdout', 'x', 0)),
      { code: invalid, message: `${prefix('append_output')}stream must be \`output\` or \`errout\`, got \`stdout\` (string)` });
    t.deepEqual(await readRefusal(live.appendOutput(begun.updateToken, -1, 'output', 'x', 0)),
      { code: invalid, message: `${prefix('append_output')}step_index must be a whole number, 0 or more, got \`-1\` (int)` });
    t.deepEqual(await readRefusal(live.appendOutput(begun.updateToken, 0, 'output', 'x', 1.5)),
      { code: invalid, message: `${prefix('append_output')}offset must be a whole number, 0 or more, got \`1.5\` (double)` });
    t.deepEqual(await readRefusal(live.finishBuild(begun.updateToken, makeBegunInfo({ tags: ['node22'] }), [])), {
      code: conflict,
      message: `${prefix('finish_build')}client_info must name the tagset build 1 began with, ${JSON.stringify(TAGSET)}; `
        + 'got ["__arch=linux-x86_64","__host=builder-1","__package=widget","node22"] (package, host, arch and tags cannot change while a build runs)',
    });
    t.deepEqual(await readRefusal(live.beginBuild(makeBegunInfo({ submission_id: 7 }))),
      { code: invalid, message: `${prefix('begin_build')}client_info.submission_id must be a string of at most 200 characters, got \`7\` (int)` });

    await live.finishBuild(begun.updateToken, makeBegunInfo({ success: true }), []);
    t.deepEqual(await readRefusal(live.addStep(begun.updateToken, makeStep())),
      { code: conflict, message: `${prefix('add_step')}build 1 is already finished` });
    t.deepEqual(await readRefusal(live.appendOutput(begun.updateToken, 0, 'output', 'x', 0)),
      { code: conflict, message: `${prefix('append_output')}build 1 is already finished` });
    t.is(await countRows(db), 1);
  });

  test(`${transport}: add_results with a submission id already stored answers that result and stores nothing`, async (t) => {
    const { db, live } = await setUp(t, transport);
    const info = makeClientInfo({ submission_id: '0b6c1f5e-2d4a-4f8b-9c3e-7a1d5e9f2b4c' });
    const first = await live.addResults(info, [makeStep()]);
    t.deepEqual(await live.addResults(info, [makeStep()]), first);
    t.deepEqual(await live.addResults({ ...info, success: false }, []), first);
    t.is(await countRows(db), 1);
    // Without a submission id, as the original clients send, every add_results stores a result.
    await live.addResults(makeClientInfo(), [makeStep()]);
    await live.addResults(makeClientInfo(), [makeStep()]);
    t.is(await countRows(db), 3);
  });

  test(`${transport}: add_results with the submission id of a running build finishes that build with its bags`, async (t) => {
    const { url, db, live } = await setUp(t, transport);
    const begun = await live.beginBuild(makeBegunInfo());
    await live.addStep(begun.updateToken, makeStep({ name: 'configure' }));
    const steps = [makeStep({ name: 'configure' }), makeStep()];
    const added = await live.addResults(makeBegunInfo({ success: true }), steps);
    t.is(added.resultKey, begun.resultKey);
    const stored = await readLiveResult(url, begun.resultKey);
    t.is(stored.state, 'finished');
    t.deepEqual(stored.results_list, steps);
    t.deepEqual(await live.finishBuild(begun.updateToken, makeBegunInfo({ success: true })), added);
    t.is(await countRows(db), 1);
  });
}

test('GET /api/v1/builds lists the builds running now with the step each is in', async (t) => {
  const { url, live } = await setUp(t, 'json');
  const first = await live.beginBuild(makeBegunInfo({ submission_id: 'one' }));
  const second = await live.beginBuild(makeBegunInfo({ submission_id: 'two', host: 'builder-2' }));
  await live.addStep(second.updateToken, makeStep({ name: 'configure' }));
  await live.finishBuild(first.updateToken, makeBegunInfo({ submission_id: 'one' }), []);
  const { builds } = await (await fetch(new URL('api/v1/builds', url))).json() as any;
  t.is(builds.length, 1);
  const [build] = builds;
  t.like(build, {
    result_key: second.resultKey,
    package: 'widget',
    host: 'builder-2',
    tags: ['node20'],
    running_step_index: 1,
    last_step_name: 'configure',
    url: `/results/${second.resultKey}`,
  });
  t.is(typeof build.started, 'number');
});

test('output sent as base64 (text XML cannot carry) is held as text', async (t) => {
  const { url, rpc } = await setUp(t, 'xmlrpc');
  const [resultKey, updateToken] = await rpc.call('begin_build', [makeBegunInfo()]);
  await rpc.call('append_output', [updateToken, 0, 'output', Buffer.from('\u001b[1mbold\u001b[0m caf\u00e9'), 0]);
  t.is((await readLiveResult(url, resultKey)).running_step.output, '\u001b[1mbold\u001b[0m caf\u00e9');
});

// Wire compatibility with the original's clients: Python 3's own xmlrpc.client, sending
// captured output as bytes, as pony-build's client does.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { countRows, startTestServer } from '../helpers/server.ts';

const script = fileURLToPath(new URL('../../fixtures/server/python-client.py', import.meta.url));
const run = promisify(execFile);

test('a Python 3 xmlrpc.client uses every original method', async (t) => {
  const { url } = await startTestServer(t);
  const { stdout } = await run('python3', [script, url], { timeout: 60_000 });
  const answers = JSON.parse(stdout);

  t.deepEqual(answers.check_before, [true, 'no build recorded for this tagset; build!']);
  t.true(Number.isInteger(answers.key));
  t.regex(answers.auth_key, /^[0-9a-f]{64}$/);

  const [receipt, clientInfo, [step, plainStep]] = answers.get_results;
  t.is(receipt.result_key, String(answers.key));
  t.is(receipt.client_ip, '127.0.0.1');
  t.is(typeof receipt.time, 'number');
  t.deepEqual(clientInfo, {
    package: 'pyclient',
    host: 'pyhost',
    arch: 'linux-x86_64',
    success: false,
    tags: ['py3', 'debug'],
    duration: 12.5,
    custom: { nested: [1, null, 'x'] },
  });
  // Valid UTF-8 holding ESC is stored as text; XML cannot carry ESC, so it goes back as the same bytes.
  t.deepEqual(step.output, { binary_hex: Buffer.from('caf\u00e9 \u001b[1mbold\u001b[0m\n').toString('hex') });
  t.deepEqual(step.errout, { binary_hex: Buffer.from('\xff\xfe not utf-8\n', 'latin1').toString('hex') });
  t.deepEqual(step.command, ['./configure', '--prefix=/opt/x']);
  t.is(step.status, 1);
  // Text XML can carry comes back as a Python str.
  t.is(plainStep.output, 'plain caf\u00e9 text\n');
  t.is(plainStep.command, 'make -j2');
  t.deepEqual(answers.get_results_by_string, receipt);

  t.deepEqual(answers.check_after, [true, 'last build was unsuccessful; go!']);
  t.deepEqual(answers.tagsets, [
    ['__arch=linux-x86_64', '__host=pyhost', '__package=pyclient'],
    ['__arch=linux-x86_64', '__host=pyhost', '__package=pyclient', 'debug', 'py3'],
  ]);
  t.is(answers.last_for_tagset[0].result_key, String(answers.key));
  t.is(answers.last_for_unknown_tagset, 0);
  t.deepEqual(answers.fault, {
    faultCode: -32602,
    faultString: 'add_results: client_info.package must be a non-empty string, got nothing',
  });
});

test('bytes from Python are stored as text when they are UTF-8 and as binary when not', async (t) => {
  const { url } = await startTestServer(t);
  const { stdout } = await run('python3', [script, url], { timeout: 60_000 });
  const { key } = JSON.parse(stdout);
  const stored = await (await fetch(new URL(`api/v1/results/${key}`, url))).json() as any;
  const [step] = stored.results_list;
  t.is(step.output, 'caf\u00e9 \u001b[1mbold\u001b[0m\n');
  t.deepEqual(step.errout, { $bytes: Buffer.from('\xff\xfe not utf-8\n', 'latin1').toString('base64') });
});

const liveScript = fileURLToPath(new URL('../../fixtures/server/python-live-client.py', import.meta.url));

test('a Python 3 xmlrpc.client reports a build live and resends a result, storing each once', async (t) => {
  const { url, db } = await startTestServer(t);
  const { stdout } = await run('python3', [liveScript, url], { timeout: 60_000 });
  const answers = JSON.parse(stdout);
  t.deepEqual(answers.sent_again, answers.sent_first);
  const [key, token] = answers.begun;
  t.is(key, answers.sent_first[0] + 1);
  t.regex(token, /^[0-9a-f]{64}$/);
  t.deepEqual(answers.begun_again, answers.begun);
  t.deepEqual([answers.output, answers.output_retried, answers.step, answers.step_retried], [true, true, true, true]);
  t.deepEqual(answers.running_fault, {
    faultCode: 1,
    faultString: `get_results: result ${key} is still running; its steps so far are at GET /api/v1/results/${key}`,
  });
  t.is(answers.finished[0], key);
  t.regex(answers.finished[1], /^[0-9a-f]{64}$/);
  t.deepEqual(answers.finished_again, answers.finished);
  const [clientInfo, resultsList] = answers.stored;
  t.like(clientInfo, { success: true, duration: 2 });
  t.deepEqual(resultsList, [{ name: 'make', type: 'build', status: 0, output: 'ok\n', errout: '', command: 'make', duration: 1.5 }]);
  t.deepEqual(answers.late_step_fault, { faultCode: -32602, faultString: `add_step: build ${key} is already finished` });
  t.deepEqual(answers.unknown_token_fault, {
    faultCode: -32602,
    faultString: 'add_step: unknown update token; use the update_token that begin_build returned',
  });
  t.is(await countRows(db), 2);
});

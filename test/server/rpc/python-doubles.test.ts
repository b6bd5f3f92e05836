// Python's xmlrpc.client tells 2.0 from 2: a float it sends must come back a float, and so
// must the receipt's time when it lands on a whole second (it once came back as <int>, or as
// <i8> beyond 2^31).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { startTestServer } from '../helpers/server.ts';

const script = fileURLToPath(new URL('../../fixtures/server/python-doubles.py', import.meta.url));
const run = promisify(execFile);

async function sendFromPython(url: string): Promise<Record<string, any>> {
  const { stdout } = await run('python3', [script, url], { timeout: 60_000 });
  return JSON.parse(stdout) as Record<string, any>;
}

test('whole floats from Python come back from get_results as floats, ints as ints', async (t) => {
  const { url } = await startTestServer(t, { now: () => 1_700_000_000.5 });
  const answers = await sendFromPython(url);
  t.deepEqual(answers.duration, ['float', 2]);
  t.deepEqual(answers.step_duration, ['float', 3]);
  t.deepEqual(answers.test_duration, ['float', 1]);
  t.deepEqual(answers.huge, ['float', 1e300]);
  t.deepEqual(answers.ratio, ['float', 2.5]);
  t.deepEqual(answers.count, ['int', 2]);
  t.deepEqual(answers.step_status, ['int', 0]);
  t.deepEqual(answers.time, ['float', 1_700_000_000.5]);
});

test('a whole float is read as a number where a method takes one, and as a result key', async (t) => {
  const { url } = await startTestServer(t);
  const answers = await sendFromPython(url);
  // Refused, it would have been a fault; accepted, it is the usual answer.
  const [build, reason] = answers.check_with_float_allowance;
  t.is(build, false);
  t.is(typeof reason, 'string');
  t.is(answers.key_as_float, String(answers.key));
});

for (const time of [1_700_000_000, 2_200_000_000]) {
  test(`a receipt time on the whole second ${time} comes back as a float`, async (t) => {
    const { url } = await startTestServer(t, { now: () => time });
    const answers = await sendFromPython(url);
    t.deepEqual(answers.time, ['float', time]);
  });
}

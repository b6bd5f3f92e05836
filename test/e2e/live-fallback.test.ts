// A recipe reporting to a server without live builds: a stand-in for the original pony-build
// server (Python's own XML-RPC dispatcher, test/fixtures/server/original-server.py) answers
// begin_build with the original's fault; the client says so once and sends one add_results,
// the same result --no-live sends.
import { spawn } from 'node:child_process';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { callXmlRpc } from '../../runner/transport/index.ts';
import { noLiveBuildsMessage } from '../../runner/transport/live-reporter.ts';
import { projectRoot, runTypeScript } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

const exampleRecipe = path.join(projectRoot, 'recipes/example.ts');

/** Starts the stand-in; answers its URL and the methods it was called with so far. */
async function startOriginalServer(t: ExecutionContext): Promise<{ url: string; calls: () => string[] }> {
  const child = spawn('python3', [path.join(projectRoot, 'test/fixtures/server/original-server.py')], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.teardown(() => child.kill());
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const listening = /listening on (\S+)\n/.exec(stdout);
      if (listening) {
        resolve(listening[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the stand-in server exited (${code}) before listening:\n${stdout}`)));
  });
  return { url, calls: () => [...stdout.matchAll(/^called (\w+)$/gm)].map((match) => match[1]) };
}

/** A stored result with what differs from run to run blanked: durations, temp dirs, the submission id. */
function blankRunDetails(result: unknown): unknown {
  const [, clientInfo, results] = result as [unknown, Record<string, unknown>, unknown[]];
  const text = JSON.stringify([{ ...clientInfo, submission_id: '<id>' }, results]).replaceAll(String(clientInfo.tempdir), '<tempdir>');
  return JSON.parse(text, (key, value) => (key === 'duration' ? '<duration>' : value));
}

test('against a server without live builds the recipe says so once and sends one add_results, as --no-live does', async (t) => {
  const original = await startOriginalServer(t);
  const cwd = makeTempDir(t);
  const env = { PONY_BUILD_SPOOL: path.join(cwd, 'spool') };
  const live = await runTypeScript(exampleRecipe, ['--report', original.url], { cwd, env });
  t.is(live.code, 0, live.stdout + live.stderr);
  t.is(live.stderr, `${noLiveBuildsMessage}\n`);
  t.regex(live.stdout, /Result reported: http:\/\/127\.0\.0\.1:\d+\/results\/1\n/);
  t.deepEqual(original.calls(), ['check_should_build', 'add_results']);

  const whole = await runTypeScript(exampleRecipe, ['--report', original.url, '--no-live'], { cwd, env });
  t.is(whole.code, 0, whole.stdout + whole.stderr);
  t.is(whole.stderr, '');
  t.regex(whole.stdout, /Result reported: http:\/\/127\.0\.0\.1:\d+\/results\/2\n/);
  t.deepEqual(original.calls(), ['check_should_build', 'add_results', 'check_should_build', 'add_results']);

  const xmlrpc = new URL('xmlrpc', original.url).href;
  const [first, second] = await Promise.all([callXmlRpc(xmlrpc, 'get_results', [1]), callXmlRpc(xmlrpc, 'get_results', [2])]);
  t.deepEqual(blankRunDetails(first), blankRunDetails(second));
  t.like((first as unknown[])[1], { package: 'example', success: true });
});

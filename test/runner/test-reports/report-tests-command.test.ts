// `pony-build report-tests` as a user runs it, against a stand-in XML-RPC server
// that records what add_results received.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { parseMethodCall, serializeMethodResponse, type MethodCall } from '../../../wire/xmlrpc/index.ts';
import type { ClientInfo, StepResult } from '../../../wire/types.ts';
import { projectRoot, runTypeScript } from '../../helpers/child-process.ts';
import { makeTempDir } from '../../helpers/temp.ts';
import { runNodeTest } from './real-tools.ts';

const cli = path.join(projectRoot, 'bin/cli.ts');

async function startRecordingServer(t: ExecutionContext): Promise<{ url: string; calls: MethodCall[] }> {
  const calls: MethodCall[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls.push(parseMethodCall(Buffer.concat(chunks)));
      response.setHeader('Content-Type', 'text/xml');
      response.end(serializeMethodResponse([17, 'secret']));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, calls };
}

test('report-tests sends one test step per file and prints the counts and the result URL', async (t) => {
  const { url, calls } = await startRecordingServer(t);
  const directory = makeTempDir(t);
  writeFileSync(path.join(directory, 'node.xml'), runNodeTest(t, 'junit'));
  writeFileSync(path.join(directory, 'node-output'), runNodeTest(t, 'tap'));
  const finished = await runTypeScript(cli, ['report-tests', 'node.xml', 'node-output', '--report', url, '--package', 'hello', '-t', 'ci,linux', '--host', 'runner-1'], { cwd: directory });
  t.is(finished.code, 0, finished.stderr);
  t.is(finished.stdout, [
    'node.xml: 7 tests, 3 passed, 2 failed, 0 errors, 1 skipped, 1 todo',
    'node-output: 7 tests, 3 passed, 2 failed, 0 errors, 1 skipped, 1 todo',
    `reported as ${url}results/17`,
    '',
  ].join('\n'));
  t.is(calls[0].methodName, 'add_results');
  const [clientInfo, results] = calls[0].params as [ClientInfo, StepResult[]];
  t.like(clientInfo, { package: 'hello', host: 'runner-1', success: false, tags: ['ci', 'linux'] });
  t.regex(String(clientInfo.submission_id), /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/, 'a resend of it would be stored once');
  t.deepEqual(results.map((step) => [step.name, step.type, step.status, (step.test_cases ?? []).length]), [['node.xml', 'test', 1, 7], ['node-output', 'test', 1, 7]]);
  t.like(results[0].test_cases![2], { name: 'rounds down', suite: 'arithmetic › division', status: 'failed' });
});

test('report-tests names every missing option at once, and a missing file', async (t) => {
  const missing = await runTypeScript(cli, ['report-tests'], { env: { PONY_BUILD_SERVER: undefined } });
  t.is(missing.code, 2);
  t.is(missing.stderr, 'pony-build report-tests: name at least one test result file; --report URL is required (or set PONY_BUILD_SERVER); --package NAME is required\nRun `pony-build report-tests --help` for the options.\n');
  const noFile = await runTypeScript(cli, ['report-tests', 'no-such.xml', '--report', 'http://127.0.0.1:9/', '--package', 'p']);
  t.is(noFile.code, 2);
  t.regex(noFile.stderr, /^pony-build report-tests: no-such\.xml: cannot be read: ENOENT/);
});

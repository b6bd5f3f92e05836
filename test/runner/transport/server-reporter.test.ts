import test from 'ava';
import type { BuildEndEvent, RunEvent } from '../../../runner/events.ts';
import { runBuild } from '../../../runner/run/run-build.ts';
import { build } from '../../../runner/steps/step-spec.ts';
import { XmlRpcTransportError } from '../../../runner/transport/transport-error.ts';
import { createServerReporter } from '../../../runner/transport/server-reporter.ts';
import { parseServerUrl } from '../../../runner/transport/server-url.ts';
import { parseMethodCall, serializeMethodResponse } from '../../../wire/xmlrpc/index.ts';
import { findClosedPort, startServer } from '../../wire/xmlrpc/helpers/servers.ts';

test('the server reporter sends add_results with what build:end carried and keeps the receipt', async (t) => {
  const { url, requests } = await startServer(t, (_request, response) => response.end(serializeMethodResponse([42, 'auth-key'])));
  const server = parseServerUrl(url.replace('http://', 'http://builder:s3cret@'));
  const debugged: string[] = [];
  const reporter = createServerReporter(server, { debug: (text) => debugged.push(text) });
  let end: BuildEndEvent | undefined;
  await runBuild({
    package: 'p',
    steps: [build(['node', '-e', 'console.log("hi")'], { name: 'greet' })],
    consumers: [(event: RunEvent) => void (event.type === 'build:end' && (end = event)), reporter.consume],
  });
  t.deepEqual(parseMethodCall(requests[0]!.body), { methodName: 'add_results', params: JSON.parse(JSON.stringify([end!.clientInfo, end!.results])) });
  t.deepEqual(reporter.outcome, { delivered: { resultKey: 42, authKey: 'auth-key', url: new URL('results/42', server.webUrl).href } });
  t.deepEqual(debugged, [`add_results to ${url.replace('http://', 'http://builder:***@')}`]);
});

test('a server that cannot be reached is the reporter\'s outcome, and the run still ends', async (t) => {
  const port = await findClosedPort();
  const reporter = createServerReporter(parseServerUrl(`http://127.0.0.1:${port}/`));
  const outcome = await runBuild({ package: 'p', steps: [], consumers: [reporter.consume] });
  t.true(outcome.clientInfo.success);
  const sent = reporter.outcome;
  t.true(sent !== undefined && 'failed' in sent && sent.failed instanceof XmlRpcTransportError);
  t.is((sent as { failed: Error }).failed.message, `XML-RPC call add_results to http://127.0.0.1:${port}/xmlrpc failed: connection refused`);
});

// The npm `xmlrpc` package as a third-party peer, both ways round.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import test, { type ExecutionContext } from 'ava';
import xmlrpc from 'xmlrpc';
import type { WireValue } from '../../../wire/types.ts';
import { callXmlRpc } from '../../../runner/transport/index.ts';
import {
  parseMethodCall,
  serializeFault,
  serializeMethodResponse,
  XmlRpcFault,
} from '../../../wire/xmlrpc/index.ts';
import { startServer } from './helpers/servers.ts';

const CLIENT_INFO = { package: 'pony', host: 'builder-1', arch: 'linux-x86_64', success: true, tags: ['py3', 'debug'], duration: 12.5 };
const RESULTS = [
  { name: 'configure', type: 'setup', status: 0, output: 'checking for <stdio.h>... yes\nA && B > C\n', errout: '', command: ['./configure'], duration: 0.5 },
  { name: 'make', type: 'build', status: 2, output: '', errout: 'error: expected \';\' before \'}\' & more', command: 'make -j2', duration: 3 },
];

/** Calls a method with the npm client, as a promise. */
function callWithNpmClient(client: xmlrpc.Client, methodName: string, params: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.methodCall(methodName, params, (error, value) => (error ? reject(error as Error) : resolve(value)));
  });
}

/** Starts the npm package's server on a free port, closed at teardown. */
async function startNpmServer(t: ExecutionContext): Promise<{ server: xmlrpc.Server; url: string }> {
  let server: xmlrpc.Server | undefined;
  await new Promise<void>((resolve) => {
    server = xmlrpc.createServer({ host: '127.0.0.1', port: 0 }, resolve);
  });
  const httpServer = server!.httpServer as http.Server;
  t.teardown(() => new Promise<void>((resolve) => httpServer.close(() => resolve())));
  const { port } = httpServer.address() as AddressInfo;
  return { server: server!, url: `http://127.0.0.1:${port}/xmlrpc` };
}

test('the npm client calls a server built on our parser and serializer', async (t) => {
  const { url, requests } = await startServer(t, (request, response) => {
    const { methodName, params } = parseMethodCall(request.body);
    const answer: WireValue = methodName === 'add_results' ? [params.length, JSON.stringify(params)] : false;
    response.writeHead(200, { 'Content-Type': 'text/xml' }).end(serializeMethodResponse(answer));
  });
  const client = xmlrpc.createClient({ url, basic_auth: { user: 'builder', pass: 'token' } });
  const answer = await callWithNpmClient(client, 'add_results', [CLIENT_INFO, RESULTS]);
  t.deepEqual(answer, [2, JSON.stringify([CLIENT_INFO, RESULTS])]);
  t.is(requests[0]?.headers.authorization, `Basic ${Buffer.from('builder:token').toString('base64')}`);
});

test('the npm client reads values our server writes', async (t) => {
  const sent = { when: new Date('2024-03-04T05:06:07Z'), bytes: Buffer.from([1, 2, 3]), nothing: null, ratio: 0.75, text: 'a <b> & ]]> c' };
  const { url } = await startServer(t, (_request, response) => response.end(serializeMethodResponse(sent)));
  const answer = (await callWithNpmClient(xmlrpc.createClient({ url }), 'get_results', [1])) as Record<string, unknown>;
  t.deepEqual({ ...answer, when: undefined }, { ...sent, when: undefined });
  // npm reads a zone-less date as local time; the test process runs in UTC only by chance, so compare the wall clock.
  t.is((answer['when'] as Date).getHours(), 5);
});

test('the npm client receives our faults', async (t) => {
  const { url } = await startServer(t, (_request, response) => response.end(serializeFault(7, 'unknown method "nope"')));
  const error = await t.throwsAsync(callWithNpmClient(xmlrpc.createClient({ url }), 'nope', []));
  t.is((error as unknown as { faultCode: number }).faultCode, 7);
  t.is((error as unknown as { faultString: string }).faultString, 'unknown method "nope"');
});

test('our client calls the npm server', async (t) => {
  const { server, url } = await startNpmServer(t);
  server.on('add_results', (_error: unknown, params: unknown[], reply: (error: unknown, value: unknown) => void) => {
    reply(null, [42, JSON.stringify(params)]);
  });
  t.deepEqual(await callXmlRpc(url, 'add_results', [CLIENT_INFO, RESULTS]), [42, JSON.stringify([CLIENT_INFO, RESULTS])]);
});

test('our client receives the npm server\'s faults', async (t) => {
  const { server, url } = await startNpmServer(t);
  server.on('check_should_build', (_error: unknown, _params: unknown[], reply: (error: unknown, value: unknown) => void) => {
    reply({ faultCode: 3, faultString: 'missing package' }, undefined);
  });
  const error = await t.throwsAsync(callXmlRpc(url, 'check_should_build', [{}]), { instanceOf: XmlRpcFault });
  t.is(error?.faultCode, 3);
  t.is(error?.faultString, 'missing package');
});

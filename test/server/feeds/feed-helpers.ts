// Feeds fetched over HTTP and read by a real feed parser (rss-parser reads RSS 2.0 and Atom),
// results sent over the real XML-RPC protocol, and a WebSub hub stand-in on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';
import Parser from 'rss-parser';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { makeTestCase, makeTestStep } from '../helpers/test-cases.ts';
import xmlrpc from 'xmlrpc';

export type ParsedFeed = Awaited<ReturnType<Parser['parseString']>>;

const parser = new Parser();

export async function fetchFeed(url: string): Promise<{ response: Response; feed: ParsedFeed; text: string }> {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`GET ${url} answered ${response.status}: ${text}`);
  }
  return { response, feed: await parser.parseString(text), text };
}

/** Sends one result with add_results; a failing one has a failing test step. */
export async function sendResult(
  serverUrl: string,
  { packageName = 'widget', success, tags = ['node20'], failingTest = 'adds' }: { packageName?: string; success: boolean; tags?: string[]; failingTest?: string },
): Promise<number> {
  const url = new URL(serverUrl);
  // The server's URL may carry a base path, which the XML-RPC endpoint sits under too.
  const client = xmlrpc.createClient({ host: url.hostname, port: Number(url.port), path: `${url.pathname}xmlrpc` });
  const steps = [
    makeStep(),
    makeTestStep([makeTestCase({ name: 'subtracts' }), makeTestCase({ name: failingTest, status: success ? 'passed' : 'failed', message: `${failingTest} went wrong` })]),
  ];
  const params = [makeClientInfo({ package: packageName, success, tags }), steps];
  return new Promise((resolve, reject) => {
    client.methodCall('add_results', params, (error: unknown, value: unknown) => (error ? reject(error) : resolve((value as [number, string])[0])));
  });
}

export interface HubPing {
  mode: string | null;
  url: string | null;
  contentType: string | undefined;
}

/** A WebSub hub stand-in recording every publish; `failFirst` answers 503 to the first N pings. */
export async function startHub(t: ExecutionContext, { failFirst = 0 } = {}) {
  const pings: HubPing[] = [];
  const answered: number[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const status = answered.length < failFirst ? 503 : 204;
      answered.push(status);
      if (status === 204) {
        pings.push({ mode: form.get('hub.mode'), url: form.get('hub.url'), contentType: request.headers['content-type'] });
      }
      response.writeHead(status).end();
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    pings,
    answered,
    /** Resolves once at least `count` publishes were taken. */
    async waitForPings(count: number) {
      while (pings.length < count) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

/** A GET with exactly these headers: fetch() adds Cache-Control: no-cache to conditional requests, as the Fetch standard says. */
export function getWithHeaders(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers }));
    }).on('error', reject);
  });
}

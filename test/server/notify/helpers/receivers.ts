// Stand-ins for what notifications are sent to: a webhook receiver that checks signatures and can
// refuse (503) or be down, and a forge's commit status API. Each records what it was sent.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

export interface Receiver {
  url: string;
  /** Every request, in arrival order. */
  requests: ReceivedRequest[];
  /** What the next requests are answered: 200, or 503 while "having trouble". */
  answer: number;
  /** Resolves once `check` holds for the requests received, checked after each one. */
  waitFor(check: (requests: ReceivedRequest[]) => boolean): Promise<void>;
  /** Stops listening: senders meet a refused connection. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

/** A receiver on 127.0.0.1; with a secret, a request whose signature is wrong is answered 401. */
export async function startReceiver(t: ExecutionContext, secret?: string): Promise<Receiver> {
  const waiters: Array<{ check: (requests: ReceivedRequest[]) => boolean; resolve: () => void }> = [];
  const receiver: Receiver = {
    url: '',
    requests: [],
    answer: 200,
    waitFor(check) {
      if (check(receiver.requests)) {
        return Promise.resolve();
      }
      return new Promise((resolve) => waiters.push({ check, resolve }));
    },
    stop: () => stopServer(),
    restart: async () => {
      server = createServer();
      await listen(port);
    },
  };
  const createServer = () => http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signed = secret === undefined || verifySignature(body, secret, request.headers['x-pony-build-signature-256']);
      const status = signed ? receiver.answer : 401;
      response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'thanks' : 'not now');
      receiver.requests.push({ path: request.url ?? '', headers: request.headers, body, status });
      for (const waiter of [...waiters]) {
        if (waiter.check(receiver.requests)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  });
  let server = createServer();
  let port = 0;
  const listen = (wanted: number) => new Promise<void>((resolve) => server.listen(wanted, '127.0.0.1', () => {
    port = (server.address() as AddressInfo).port;
    resolve();
  }));
  const stopServer = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  await listen(0);
  receiver.url = `http://127.0.0.1:${port}/hook`;
  t.teardown(() => (server.listening ? stopServer() : undefined));
  return receiver;
}

/** The receiver's side of X-Pony-Build-Signature-256, as README shows it. */
export function verifySignature(body: string, secret: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(typeof header === 'string' ? header : '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The 2xx-answered requests, by X-Pony-Build-Delivery: each id must appear once. */
export function listAcknowledged(requests: readonly ReceivedRequest[]): ReceivedRequest[] {
  return requests.filter((request) => request.status >= 200 && request.status < 300);
}

export function parseBody(request: ReceivedRequest): Record<string, unknown> {
  return JSON.parse(request.body) as Record<string, unknown>;
}

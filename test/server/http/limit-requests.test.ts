// limits.requests_per_minute against a real server: a flood from one address is answered with
// 429 and Retry-After on every path, XML-RPC included, while another address is served.
// The clock stands still, so the budget is spent by the requests alone.
import http from 'node:http';
import test from 'ava';
import { parseServerConfig } from '../../../server/index.ts';
import { createClock, startTestServer } from '../helpers/server.ts';
import { methodCall } from '../helpers/xmlrpc-client.ts';

interface Answer {
  status: number;
  retryAfter: string | undefined;
  contentType: string | undefined;
  body: string;
}

// node:http rather than fetch, to choose the client's own address: Linux routes all of 127/8 to lo.
function request(url: string, path: string, localAddress: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(new URL(path, url), {
      method: body === undefined ? 'GET' : 'POST',
      localAddress,
      agent: false,
      headers: body === undefined ? {} : { 'Content-Type': 'text/xml' },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({
        status: response.statusCode!,
        retryAfter: response.headers['retry-after'],
        contentType: response.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function startLimitedServer(t: Parameters<typeof startTestServer>[0], requestsPerMinute: number) {
  const clock = createClock();
  const server = await startTestServer(t, { now: clock.now, config: parseServerConfig({ limits: { requests_per_minute: requestsPerMinute } }) });
  return { ...server, clock };
}

const REFUSAL = 'too many requests from 127.0.0.1: this server takes at most 5 requests a minute from one address '
  + '(limits.requests_per_minute is 5); retry after 12 s';

test('the sixth request of a minute from one address gets 429 with Retry-After, on pages, the JSON API and XML-RPC alike', async (t) => {
  const { url, clock } = await startLimitedServer(t, 5);
  for (let count = 1; count <= 5; count += 1) {
    t.is((await request(url, 'api/v1/packages', '127.0.0.1')).status, 200, `request ${count}`);
  }
  const json = await request(url, 'api/v1/packages', '127.0.0.1');
  t.is(json.status, 429);
  t.is(json.retryAfter, '12');
  t.deepEqual(JSON.parse(json.body), { error: REFUSAL });

  const xmlrpc = await request(url, 'xmlrpc', '127.0.0.1', methodCall('list_packages'));
  t.is(xmlrpc.status, 429, 'not a fault: clients back off at the HTTP level');
  t.is(xmlrpc.retryAfter, '12');
  t.is(xmlrpc.contentType, 'text/plain; charset=utf-8');
  t.is(xmlrpc.body, `${REFUSAL}\n`);

  const page = await request(url, '', '127.0.0.1');
  t.is(page.status, 429);
  t.true(page.body.includes('limits.requests_per_minute is 5'));

  // One request's worth is earned back every 12 s.
  clock.advance(12);
  t.is((await request(url, 'xmlrpc', '127.0.0.1', methodCall('list_packages'))).status, 200);
  t.is((await request(url, 'xmlrpc', '127.0.0.1', methodCall('list_packages'))).status, 429);
});

test('a flood from one address leaves another address served', async (t) => {
  const { url } = await startLimitedServer(t, 5);
  const flood = await Promise.all(Array.from({ length: 20 }, () => request(url, 'api/v1/packages', '127.0.0.1')));
  t.deepEqual(flood.map((answer) => answer.status).sort(), [...Array(5).fill(200), ...Array(15).fill(429)]);
  const other = await request(url, 'api/v1/packages', '127.0.0.2');
  t.is(other.status, 200);
  t.is(other.retryAfter, undefined);
});

test('/healthz answers whatever the address has spent', async (t) => {
  const { url } = await startLimitedServer(t, 1);
  t.is((await request(url, 'api/v1/packages', '127.0.0.1')).status, 200);
  t.is((await request(url, 'api/v1/packages', '127.0.0.1')).status, 429);
  t.is((await request(url, 'healthz', '127.0.0.1')).status, 200);
});

test('requests_per_minute 0 serves every request', async (t) => {
  const { url } = await startLimitedServer(t, 0);
  const answers = await Promise.all(Array.from({ length: 30 }, () => request(url, 'api/v1/packages', '127.0.0.1')));
  t.true(answers.every((answer) => answer.status === 200));
});

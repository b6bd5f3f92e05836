// A body over --max-body, or refused before it is read, is read to its end (up to a bound)
// before the answer, so clients that send the whole body before reading (Python's
// xmlrpc.client and urllib) see the fault or the 4xx instead of a broken pipe; past the bound
// the server answers at once and hangs up.
import { execFile } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { countRows, startTestServer } from '../helpers/server.ts';
import { makeClientInfo, makeStep } from '../helpers/results.ts';
import { createThirdPartyClient } from '../helpers/xmlrpc-client.ts';

const script = fileURLToPath(new URL('../../fixtures/server/send-oversized.py', import.meta.url));
const run = promisify(execFile);

// Three times this is far more than the sockets' buffers hold, so a server that answered with
// the body unread would reset the connection under the client (as it did before).
const LIMIT = 4 * 1024 * 1024;
const TOO_LARGE = `the request body is larger than this server's limit of ${LIMIT} bytes (4 MiB)`;

async function setUp(t: ExecutionContext, maxBodyBytes = LIMIT) {
  const server = await startTestServer(t, { maxBodyBytes });
  const [, authKey] = await createThirdPartyClient(server.url).call('add_results', [makeClientInfo(), [makeStep()]]);
  return { ...server, authKey: authKey as string };
}

async function sendFromPython(url: string, mode: 'xmlrpc' | 'json' | 'text' | 'upload', size: number, authKey = ''): Promise<unknown> {
  const { stdout } = await run('python3', [script, url, mode, String(size), authKey], { timeout: 120_000 });
  return JSON.parse(stdout);
}

// Nothing of the refused body was stored, and the server takes the next call.
async function assertServerGoesOn(t: ExecutionContext, url: string, db: string) {
  t.is(await countRows(db), 1);
  t.is(await countRows(db, 'uploads'), 0);
  const [key] = await createThirdPartyClient(url).call('add_results', [makeClientInfo(), [makeStep()]]);
  t.is(key, 2);
}

test('Python xmlrpc.client sending three times the limit sees the fault, not a broken pipe', async (t) => {
  const { url, db } = await setUp(t);
  t.deepEqual(await sendFromPython(url, 'xmlrpc', 3 * LIMIT), {
    seen: 'fault',
    faultCode: -32300,
    faultString: `${TOO_LARGE}; nothing was stored`,
  });
  await assertServerGoesOn(t, url, db);
});

test('Python urllib posting three times the limit as JSON sees the 413', async (t) => {
  const { url, db } = await setUp(t);
  t.deepEqual(await sendFromPython(url, 'json', 3 * LIMIT), {
    seen: 'http-error',
    status: 413,
    body: JSON.stringify({ error: TOO_LARGE }),
  });
  await assertServerGoesOn(t, url, db);
});

test('Python urllib uploading three times the limit sees the 413', async (t) => {
  const { url, db, authKey } = await setUp(t);
  t.deepEqual(await sendFromPython(url, 'upload', 3 * LIMIT, authKey), {
    seen: 'http-error',
    status: 413,
    body: `${TOO_LARGE}\n`,
  });
  await assertServerGoesOn(t, url, db);
});

test('a large body refused before it is read (an unknown auth_key, a wrong content type) is read first too', async (t) => {
  const { url, db } = await setUp(t);
  t.deepEqual(await sendFromPython(url, 'upload', 3 * LIMIT, 'f'.repeat(64)), {
    seen: 'http-error',
    status: 401,
    body: 'the auth_key does not belong to any result; use the auth_key that add_results returned\n',
  });
  t.deepEqual(await sendFromPython(url, 'text', 3 * LIMIT), {
    seen: 'http-error',
    status: 415,
    body: JSON.stringify({ error: 'expected Content-Type application/json, got text/plain' }),
  });
  await assertServerGoesOn(t, url, db);
});

// A raw connection, so the test controls what is sent and sees exactly what comes back.
function connect(url: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

// Everything the server sends until it closes the connection.
function readUntilClosed(socket: net.Socket): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    socket.once('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

test('a Content-Length past four times the limit is refused before any of the body is sent, and the connection closed', async (t) => {
  const { url, db } = await setUp(t, 4096);
  const socket = await connect(url);
  const answer = readUntilClosed(socket);
  // No body follows: the answer must come without the server waiting for it.
  socket.write(`POST /api/v1/results HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${4 * 4096 + 1}\r\n\r\n`);
  const text = await answer;
  t.regex(text, /^HTTP\/1\.1 413 /);
  t.regex(text, /\r\nConnection: close\r\n/i);
  t.true(text.endsWith(JSON.stringify({ error: 'the request body is larger than this server\'s limit of 4096 bytes (4 KiB)' })));
  await assertServerGoesOn(t, url, db);
});

test('a streamed body that never ends is read up to four times the limit, then the server hangs up', async (t) => {
  const { url, db } = await setUp(t, 4096);
  const socket = await connect(url);
  let open = true;
  const closed = new Promise<void>((resolve) => {
    socket.once('close', () => {
      open = false;
      resolve();
    });
  });
  socket.on('error', () => {
    // Writing on after the server hung up resets the connection; the close is what the test waits for.
  });
  socket.write('POST /api/v1/results HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
  const chunk = `1000\r\n${'y'.repeat(4096)}\r\n`;
  // Sends for as long as the connection is open, as a client with an endless body would.
  while (open) {
    if (!socket.write(chunk)) {
      await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed]);
    }
  }
  await closed;
  await assertServerGoesOn(t, url, db);
});

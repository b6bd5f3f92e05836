// One HTTP attempt of a delivery: a JSON POST with a bounded time. A 2xx is delivered; any other
// status, a refused connection or a timeout is a failure the queue retries. node:http with
// kept-alive connections rather than fetch: a delivery then costs the server a fraction of the
// CPU, which matters since it shares the process with the submissions (bench/notify-overhead.ts).
import http from 'node:http';
import https from 'node:https';
import type { HandlerAnswer } from './delivery-types.ts';

export const USER_AGENT = 'pony-build';

// The start of a receiver's answer is kept in the delivery log: enough to see why it refused.
const ERROR_BODY_CHARACTERS = 200;
// Receivers may answer at length; what is read of an answer is bounded.
const MAX_ANSWER_BYTES = 64 * 1024;

// Idle connections do not keep the process alive (node unrefs them) and close after a while.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
};

/** POSTs `body`; `signal` aborts it early (the server closing). Never follows a redirect. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutSeconds: number,
  signal: AbortSignal,
): Promise<HandlerAnswer> {
  const timeout = AbortSignal.timeout(timeoutSeconds * 1000);
  try {
    const { status, text } = await post(new URL(url), body, headers, AbortSignal.any([signal, timeout]));
    if (status >= 200 && status < 300) {
      return { ok: true, status, error: null };
    }
    const said = text.trim().slice(0, ERROR_BODY_CHARACTERS);
    return { ok: false, status, error: `HTTP ${status}${said === '' ? '' : `: ${said}`}` };
  } catch (error) {
    return { ok: false, status: null, error: timeout.aborted ? `no answer within ${timeoutSeconds} s` : describeRequestError(error) };
  }
}

function post(url: URL, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<{ status: number; text: string }> {
  const client = url.protocol === 'https:' ? https : http;
  const agent = agents[url.protocol as keyof typeof agents];
  if (!agent) {
    return Promise.reject(new Error(`${url.protocol} is not http: or https:`));
  }
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'POST',
      agent,
      signal,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': USER_AGENT, ...headers },
    }, (response) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        if (bytes < MAX_ANSWER_BYTES) {
          chunks.push(chunk);
          bytes += chunk.length;
        }
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

// The log should show why: ECONNREFUSED, ENOTFOUND, a TLS failure.
function describeRequestError(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && code !== 'ABORT_ERR') {
    return code;
  }
  return typeof message === 'string' ? message : String(error);
}

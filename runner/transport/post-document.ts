// POSTs one document with node:http(s) rather than fetch: the fetch standard
// refuses ports such as 6000 and 6665-6669 outright, and a build server may
// well listen on one of them.
import http from 'node:http';
import https from 'node:https';

export interface PostedAnswer {
  status: number;
  statusText: string;
  body: Buffer;
  /** The Retry-After header, which a 429 or 503 may carry. */
  retryAfter?: string;
}

export class PostTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

export function postDocument(target: URL, headers: Record<string, string>, body: string | Buffer, timeoutMs: number): Promise<PostedAnswer> {
  const transport = target.protocol === 'https:' ? https : http;
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Promise((resolve, reject) => {
    const request = transport.request(target, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(payload.length) },
    });
    // One timer for the whole exchange, answer included, like AbortSignal.timeout.
    const timer = setTimeout(() => request.destroy(new PostTimeoutError(timeoutMs)), timeoutMs);
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      response.once('end', () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          body: Buffer.concat(chunks),
          retryAfter: response.headers['retry-after'],
        });
      });
    });
    request.end(payload);
  });
}

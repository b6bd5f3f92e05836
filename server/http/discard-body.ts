// Reading the rest of a refused body costs bandwidth and time but no memory, since nothing is
// kept. It is still bounded, so that no client can keep the server reading for ever.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';

// 64 MiB take well under a second on a local network and a few on a fast link.
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/**
 * The largest body, in bytes, whose refusal the server reads to its end before answering: four
 * times the limit (a body a few times too large is the common mistake: a log bigger than
 * expected), but at most 64 MiB past the limit.
 */
export function findDiscardBound(maxBytes: number): number {
  return maxBytes + Math.min(3 * maxBytes, MAX_DISCARDED_BYTES);
}

/**
 * Before a request refused without reading its body (an unknown auth_key, a wrong content
 * type) is answered: reads and drops the body, up to 64 MiB, for the same clients; past that,
 * or when one that large is announced, the connection is closed after the answer.
 */
export async function discardUnreadBody(ctx: Context): Promise<void> {
  const request = ctx.req;
  // A body read whole, or dropped already, or whose connection is to be closed anyway, is done with.
  if (request.readableEnded || request.destroyed || !hasBody(request) || /close/i.test(ctx.response.get('Connection'))) {
    return;
  }
  const announced = Number(request.headers['content-length'] ?? 0);
  if (announced > MAX_DISCARDED_BYTES || !(await discardBody(request, MAX_DISCARDED_BYTES))) {
    ctx.set('Connection', 'close');
  }
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Reads and drops the rest of the body; true when it ended within `budget` bytes, false otherwise. */
export function discardBody(request: IncomingMessage, budget: number): Promise<boolean> {
  if (request.readableEnded || request.destroyed) {
    return Promise.resolve(request.readableEnded);
  }
  return new Promise((resolve) => {
    let discarded = 0;
    const finish = (ended: boolean) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      request.off('error', onClose);
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > budget) {
        request.pause();
        finish(false);
      }
    };
    const onEnd = () => finish(true);
    // The client went away: there is nobody left to answer, and nothing more to read.
    const onClose = () => finish(false);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    request.on('error', onClose);
    request.resume();
  });
}

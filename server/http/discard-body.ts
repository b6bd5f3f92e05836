// Reading the rest of a refused body costs bandwidth and time but no memory, since nothing is
// kept. It is still bounded, so that no client can keep the server reading for ever.
import type { IncomingMessage } from 'node:http';

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

/** Reads and drops the rest of the body; true when it ended within `budget` bytes, false otherwise. */
export function discardBody(request: IncomingMessage, budget: number): Promise<boolean> {
  if (request.readableEnded) {
    return Promise.resolve(true);
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

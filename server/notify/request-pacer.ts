// How the notification worker yields to submissions: between two pieces of its work (working out
// a notify row, or one delivery) it lets waiting I/O go first, and while writes (submissions,
// live build calls) are in flight, or were within QUIET_MS, it does at most one piece every
// PACE_MS, all its loops together, so that it takes a small, bounded share of the process from
// them. When the server is quiet it goes at full speed, and a backlog left by a burst drains then.
import type http from 'node:http';
import { setImmediate as letIoFirst, setTimeout as delay } from 'node:timers/promises';

// One piece of work costs about a millisecond of CPU (an e-mail more): 50 ms apart is a few per cent.
const PACE_MS = 50;
// Clients send their next write a moment after the last one's answer: such gaps are not quiet.
const QUIET_MS = 500;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestPacer {
  /** Counts the server's writes in flight from now on. Reads are not counted: a page following a live build stays open for long. */
  watch(server: http.Server): void;
  /** Resolves when the worker may begin its next piece of work. */
  pace(): Promise<void>;
}

export function createRequestPacer(paceMs = PACE_MS): RequestPacer {
  let writesInFlight = 0;
  let lastWriteAt = -Infinity;
  let nextAt = 0;
  return {
    watch(server) {
      server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
        if (READS.has(request.method ?? 'GET')) {
          return;
        }
        writesInFlight += 1;
        response.once('close', () => {
          writesInFlight -= 1;
          lastWriteAt = performance.now();
        });
      });
    },
    async pace() {
      await letIoFirst();
      const now = performance.now();
      if (writesInFlight === 0 && now - lastWriteAt >= QUIET_MS) {
        return;
      }
      const wait = nextAt - now;
      nextAt = Math.max(now, nextAt) + paceMs;
      if (wait > 0) {
        await delay(wait);
      }
    },
  };
}

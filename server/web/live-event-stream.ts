// One follower's Server-Sent Events stream of a running build. It reads the build again
// whenever this server changes it, and on every heartbeat (which also keeps proxies from
// closing a quiet connection and catches changes no announcement reaches); it writes what the
// follower has not seen, and ends once the build is not running any more.
import type { Writable } from 'node:stream';
import type { LiveFollower } from '../live/live-changes.ts';
import { findUnseenEvents, formatLiveCursor, type LiveCursor, type LiveEvent, type LiveSnapshot } from './live-events.ts';

export interface LiveEventStreamOptions {
  /** Where the events are written; ended when the stream ends. */
  sink: Writable;
  /** Reads the build now; undefined once it is removed. */
  read(): Promise<LiveSnapshot | undefined>;
  /** The event's `data` line: JSON on one line. */
  toData(event: LiveEvent): string;
  cursor: LiveCursor;
  heartbeatMs: number;
  /** Starts hearing of changes; the answer stops it. */
  follow(follower: LiveFollower): () => void;
  /** Told of a read that failed; the stream then ends. */
  onError(error: unknown): void;
}

/** How long a browser waits before reconnecting a dropped stream. */
const RECONNECT_MS = 2000;

/** Starts the stream; the answer ends it early (the follower went away). */
export function startLiveEventStream(options: LiveEventStreamOptions): () => void {
  const { sink, cursor: start, heartbeatMs } = options;
  let cursor = start;
  let ended = false;
  let reading = false;
  let readAgain = false;
  let unfollow = () => {};

  const end = () => {
    if (ended) {
      return;
    }
    ended = true;
    clearInterval(heartbeat);
    unfollow();
    sink.end();
  };

  // One read at a time; changes announced during a read are caught by one more read after it.
  const catchUp = async () => {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        const snapshot = await options.read();
        if (ended) {
          return;
        }
        if (!snapshot) {
          end();
          return;
        }
        for (const positioned of findUnseenEvents(snapshot, cursor)) {
          cursor = positioned.cursor;
          sink.write(`id: ${formatLiveCursor(cursor)}\nevent: ${positioned.event.kind}\ndata: ${options.toData(positioned.event)}\n\n`);
        }
        if (snapshot.state !== 'running') {
          end();
        }
      } while (readAgain && !ended);
    } catch (error) {
      // A read cut short by the server closing is the end, not a failure.
      if (!ended) {
        options.onError(error);
      }
      end();
    } finally {
      reading = false;
    }
  };

  sink.write(`retry: ${RECONNECT_MS}\n\n`);
  const heartbeat = setInterval(() => {
    sink.write(': heartbeat\n\n');
    void catchUp();
  }, heartbeatMs);
  unfollow = options.follow({ changed: () => void catchUp(), ended: end });
  if (!ended) {
    void catchUp();
  }
  return end;
}

// `GET /results/<key>/live`: a running build as Server-Sent Events, for its result page
// (docs/PROTOCOL.md, "Following a running build"). Made to pass through reverse proxies: no
// buffering or transformation, a heartbeat comment, and a Last-Event-ID that resumes.
import type { Router } from '@koa/router';
import { PassThrough } from 'node:stream';
import type { CommitLink } from '../config/types.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { UnknownResultError } from '../errors/domain-errors.ts';
import { HttpError } from '../http/http-error.ts';
import { readOptionalQuery } from '../http/read-query.ts';
import { startLiveEventStream } from './live-event-stream.ts';
import { parseLiveCursor, START_CURSOR, toPlainLiveText, type LiveCursor, type LiveEvent } from './live-events.ts';
import { readResultKey } from './read-result-key.ts';
import type { Views } from './render-views.ts';
import { toStepView } from './step-view-model.ts';

export interface LiveResultRouteOptions {
  coordinator: Coordinator;
  views: Views;
  commitLinks: readonly CommitLink[];
  heartbeatSeconds: number;
  log: (line: string) => void;
}

export function addLiveResultRoute(router: Router, { coordinator, views, commitLinks, heartbeatSeconds, log }: LiveResultRouteOptions): void {
  router.get('/results/:key/live', async (ctx) => {
    const resultKey = readResultKey(ctx.params.key);
    const cursor = readCursor(ctx.get('Last-Event-ID'), readOptionalQuery(ctx.query, 'cursor'));
    if (!(await coordinator.getLiveResult(resultKey))) {
      throw new UnknownResultError(resultKey);
    }
    // The connection stays open for as long as the build runs.
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.status = 200;
    ctx.type = 'text/event-stream; charset=utf-8';
    ctx.set({ 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no', Connection: 'keep-alive' });
    const sink = new PassThrough();
    ctx.body = sink;
    const toData = (event: LiveEvent): string => {
      switch (event.kind) {
        case 'step': {
          const step = toStepView(event.step, event.index, resultKey, commitLinks);
          return JSON.stringify({ index: event.index, number: step.number, failed: step.statusClass === 'fail', html: views.renderStep({ step }) });
        }
        // Colours come back when the build ends and the page is read whole; live text is plain.
        case 'output':
          return JSON.stringify({ index: event.index, stream: event.stream, text: toPlainLiveText(event.text) });
        case 'state':
          return JSON.stringify({ state: event.state });
      }
    };
    const stop = startLiveEventStream({
      sink,
      cursor,
      heartbeatMs: heartbeatSeconds * 1000,
      toData,
      read: async () => {
        const live = await coordinator.getLiveResult(resultKey);
        return live && { state: live.state, steps: live.triple[2], runningStep: live.runningStep };
      },
      follow: (follower) => coordinator.followResult(resultKey, follower),
      onError: (error) => log(`live stream of result #${resultKey} ended: ${error instanceof Error ? error.message : String(error)}`),
    });
    ctx.res.once('close', stop);
  });
}

/** Last-Event-ID (a browser reconnecting) wins over `?cursor=` (what the page printed). */
function readCursor(lastEventId: string, query: string | undefined): LiveCursor {
  for (const [name, text] of [['Last-Event-ID', lastEventId], ['cursor', query]] as const) {
    if (text === undefined || text === '') {
      continue;
    }
    const cursor = parseLiveCursor(text);
    if (!cursor) {
      throw new HttpError(400, `Expected ${name} to be a position such as "3.1200.0" (steps seen, then characters of output and errout), got ${JSON.stringify(text)}.`);
    }
    return cursor;
  }
  return START_CURSOR;
}

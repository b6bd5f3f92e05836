// The full text of a step's output or errout, for logs the result page shows only in part.
// Served as plain text (nosniff is set for every response), so no log can become a page.
import type { Router } from '@koa/router';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import type { ResultState } from '../store/live-types.ts';
import { parsePositiveInteger } from '../http/parse-positive-integer.ts';
import { formatAttachmentDisposition } from './content-disposition.ts';
import { formatValue } from './format.ts';

const STREAMS = new Set(['output', 'errout']);

export function addStepOutputRoute(router: Router, coordinator: Coordinator): void {
  router.get('/results/:key/steps/:index/:stream', async (ctx) => {
    const { key, index, stream } = ctx.params;
    const resultKey = parsePositiveInteger(key);
    const stepIndex = index === '0' ? 0 : parsePositiveInteger(index);
    if (resultKey === undefined || stepIndex === undefined || !STREAMS.has(stream!)) {
      throw new HttpError(404, `Nothing is at ${ctx.path}: step output is at /results/<key>/steps/<index from 0>/output or /errout.`);
    }
    // A running build's finished steps are served as the live store holds them (each within
    // limits.step_output_bytes, head and tail kept), so its page's "see all" links answer.
    const live = await coordinator.getLiveResult(resultKey);
    const step = live?.triple[2][stepIndex];
    if (!live || !step) {
      throw new HttpError(404, live?.runningStep?.index === stepIndex
        ? describeUnfinishedStep(resultKey, stepIndex, live.state)
        : `Result #${resultKey} has no step with index ${stepIndex}.`);
    }
    const value = step[stream!];
    ctx.set({
      'Content-Security-Policy': "default-src 'none'; sandbox",
      // finish_build may still replace the steps a running build added, so those are not cached.
      'Cache-Control': live.state === 'running' ? 'no-cache' : 'private, max-age=3600',
    });
    if (Buffer.isBuffer(value)) {
      // Not valid UTF-8: handed over as the bytes that were sent.
      ctx.set('Content-Disposition', formatAttachmentDisposition(`result-${resultKey}-step-${stepIndex}-${stream}.bin`));
      ctx.type = 'application/octet-stream';
      ctx.body = value;
      return;
    }
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = value === undefined || value === null ? '' : typeof value === 'string' ? value : formatValue(value);
  });
}

function describeUnfinishedStep(resultKey: number, stepIndex: number, state: ResultState): string {
  return state === 'running'
    ? `Step ${stepIndex + 1} of result #${resultKey} is still running; the result page shows its output so far.`
    : `Step ${stepIndex + 1} of result #${resultKey} never finished (the build was abandoned during it); the result page shows what it printed.`;
}

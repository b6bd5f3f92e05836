// What the result page of a build that is not finished says about it: the notice, the step it
// is in with its output so far, and for a running build the stream that keeps the page current
// from exactly what the page printed. Its script replaces the notice's advice to reload.
import type { ResultPage } from '../queries/page-types.ts';
import { findCurrentCursor, formatLiveCursor, toPlainLiveText } from './live-events.ts';

export type LiveView = ReturnType<typeof toLiveView>;

/** undefined for a finished result, which the page shows as it always did. */
export function toLiveView({ result, state, runningStep }: Pick<ResultPage, 'result' | 'state' | 'runningStep'>) {
  if (state === 'finished' || !runningStep) {
    return undefined;
  }
  const running = state === 'running';
  const number = runningStep.index + 1;
  const cursor = findCurrentCursor({ state, steps: result.resultsList, runningStep });
  return {
    running,
    statusLabel: state,
    statusClass: running ? 'running' : 'fail',
    streamUrl: running ? `/results/${result.resultKey}/live?cursor=${formatLiveCursor(cursor)}` : undefined,
    notice: running
      ? `This build is running: step ${number} is in progress. Reload the page to see how far it got.`
      : `This build was abandoned: its client stopped reporting during step ${number}. What it sent is kept below.`,
    step: {
      number,
      name: `step ${number}`,
      statusLabel: running ? 'running' : 'unfinished',
      statusClass: running ? 'running' : 'fail',
      streams: (['output', 'errout'] as const).map((name) => ({ name, text: toPlainLiveText(runningStep[name]) })),
    },
  };
}

// What a follower of a running build has not seen yet, as the events of its stream
// (`GET /results/<key>/live`). Where a follower is, is a cursor: the steps it has, and how much
// of the running step's two streams. The cursor is every event's id, so a browser that
// reconnects (sending Last-Event-ID) resumes exactly where it was, and a page gives the cursor
// of what it printed so that its stream starts there.
import { stripVTControlCharacters } from 'node:util';
import type { WireStruct } from '../../wire/types.ts';
import type { OutputStreamName, ResultState, RunningStepRecord } from '../store/live-types.ts';

export interface LiveCursor {
  /** Steps seen: the running step's index. */
  steps: number;
  /** Characters seen of the running step's output and errout. */
  output: number;
  errout: number;
}

export type LiveEvent =
  | { kind: 'step'; index: number; step: WireStruct }
  | { kind: 'output'; index: number; stream: OutputStreamName; text: string }
  | { kind: 'state'; state: ResultState };

/** An event and where its follower is once it has it. */
export interface PositionedEvent {
  event: LiveEvent;
  cursor: LiveCursor;
}

/** A result as its follower sees it: the live result of the coordinator, or what a page printed. */
export interface LiveSnapshot {
  state: ResultState;
  steps: WireStruct[];
  runningStep: RunningStepRecord | null;
}

export const START_CURSOR: LiveCursor = { steps: 0, output: 0, errout: 0 };

const CURSOR_PATTERN = /^(\d{1,9})\.(\d{1,15})\.(\d{1,15})$/;

export function formatLiveCursor(cursor: LiveCursor): string {
  return `${cursor.steps}.${cursor.output}.${cursor.errout}`;
}

/** The cursor written as `steps.output.errout` ("3.1200.0"), or undefined when it is not one. */
export function parseLiveCursor(text: string): LiveCursor | undefined {
  const match = CURSOR_PATTERN.exec(text.trim());
  return match ? { steps: Number(match[1]), output: Number(match[2]), errout: Number(match[3]) } : undefined;
}

/** Where a page that shows this result now leaves its follower. */
export function findCurrentCursor(result: LiveSnapshot): LiveCursor {
  const steps = result.steps.length;
  const running = result.runningStep?.index === steps ? result.runningStep : undefined;
  return { steps, output: running?.output.length ?? 0, errout: running?.errout.length ?? 0 };
}

/**
 * The events past `cursor`, in order. A finished build answers only its state: the page then
 * reads it whole, since finish_build may have replaced the steps sent live. A build that is
 * not running any more is the last thing its stream says.
 */
export function findUnseenEvents(result: LiveSnapshot, cursor: LiveCursor): PositionedEvent[] {
  if (result.state === 'finished') {
    return [{ event: { kind: 'state', state: 'finished' }, cursor }];
  }
  const events: PositionedEvent[] = [];
  const steps = result.steps;
  // A cursor past the steps there are was not made here: start the running step over.
  let position = cursor.steps > steps.length ? { steps: steps.length, output: 0, errout: 0 } : cursor;
  for (let index = cursor.steps; index < steps.length; index++) {
    position = { steps: index + 1, output: 0, errout: 0 };
    events.push({ event: { kind: 'step', index, step: steps[index]! }, cursor: position });
  }
  const running = result.runningStep;
  if (running && running.index === steps.length && position.steps === steps.length) {
    for (const stream of ['output', 'errout'] as const) {
      const seen = position[stream];
      if (running[stream].length > seen) {
        position = { ...position, [stream]: running[stream].length };
        events.push({ event: { kind: 'output', index: running.index, stream, text: running[stream].slice(seen) }, cursor: position });
      }
    }
  }
  if (result.state !== 'running') {
    events.push({ event: { kind: 'state', state: result.state }, cursor: position });
  }
  return events;
}

/** Live output as pages show it while the build runs: plain text, colours and cursor moves taken out. */
export function toPlainLiveText(text: string): string {
  return stripVTControlCharacters(text);
}

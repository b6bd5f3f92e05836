// Small pieces every page view shares: an outcome as a label and a colour, a time as people
// read it (relative, with the absolute time on hover).
import type { ResultOutcome } from '../rules/summarize-outcomes.ts';
import { toOutcome } from '../rules/summarize-outcomes.ts';
import { formatAbsoluteTime, formatIsoTime, formatRelativeTime } from './format.ts';

export interface OutcomeView {
  outcome: ResultOutcome;
  statusLabel: 'pass' | 'fail' | 'unknown';
  statusClass: 'pass' | 'fail' | 'unknown';
}

export interface TimeView {
  relative: string;
  absolute: string;
  iso: string;
}

const OUTCOME_VIEWS: Record<ResultOutcome, OutcomeView> = {
  passed: { outcome: 'passed', statusLabel: 'pass', statusClass: 'pass' },
  failed: { outcome: 'failed', statusLabel: 'fail', statusClass: 'fail' },
  unknown: { outcome: 'unknown', statusLabel: 'unknown', statusClass: 'unknown' },
};

export function describeOutcome(outcome: ResultOutcome): OutcomeView {
  return OUTCOME_VIEWS[outcome];
}

export function describeSuccessFlag(success: boolean | null): OutcomeView {
  return OUTCOME_VIEWS[toOutcome(success)];
}

export function describeTimeView(time: number, now: number): TimeView {
  return { relative: formatRelativeTime(time, now), absolute: formatAbsoluteTime(time), iso: formatIsoTime(time) };
}

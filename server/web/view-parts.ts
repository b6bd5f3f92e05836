// Small pieces every page view shares: an outcome or a step's status as a label and a colour
// (pass, fail, warn: the terminal's words), a time as people read it (relative and absolute).
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

export interface StepStatusView {
  statusLabel: 'pass' | 'fail' | 'warn' | 'unknown';
  statusClass: 'pass' | 'fail' | 'warn' | 'unknown';
  /** Ended with a status other than 0, allowed or not. */
  failed: boolean;
}

/** A step's exit status as a label; an allowed failure is a warning, as on the terminal. */
export function describeStepStatus(status: number | undefined, allowedToFail: boolean): StepStatusView {
  if (status === undefined) {
    return { statusLabel: 'unknown', statusClass: 'unknown', failed: false };
  }
  if (status === 0) {
    return { statusLabel: 'pass', statusClass: 'pass', failed: false };
  }
  return allowedToFail ? { statusLabel: 'warn', statusClass: 'warn', failed: true } : { statusLabel: 'fail', statusClass: 'fail', failed: true };
}

export function describeTimeView(time: number, now: number): TimeView {
  return { relative: formatRelativeTime(time, now), absolute: formatAbsoluteTime(time), iso: formatIsoTime(time) };
}

// One step of the result page: its heading, what ran and how it ended, its own keys as
// readable fields, and its streams as linkable logs. Every string is printed escaped by the
// templates, except the log lines, which ansi-html.ts escaped.
import { readWireNumber } from '../../wire/read-wire-number.ts';
import type { WireStruct } from '../../wire/types.ts';
import type { CommitLink } from '../config/types.ts';
import { formatCommand, formatDuration, formatOutput, formatValue } from './format.ts';
import { toLogView } from './log-view.ts';
import { makeStepOutputUrl } from './page-links.ts';
import { toReadableFields } from './readable-value.ts';
import { describeStepStatus } from './view-parts.ts';

// Shown in the step's heading, its facts or its streams rather than among its other fields.
const STEP_HEADING_KEYS = new Set([
  'name', 'type', 'status', 'duration', 'command', 'output', 'errout', 'termination', 'signal',
  'test_cases', 'test_counts', 'test_report_warnings', 'test_report_mismatch',
]);

const TERMINATIONS: Record<string, string> = {
  timeout: 'timed out',
  interrupted: 'interrupted',
  'spawn-error': 'could not be started',
};

const STREAM_NAMES = ['output', 'errout'] as const;

export type StepView = ReturnType<typeof toStepView>;

export function toStepView(step: WireStruct, index: number, resultKey: number, commitLinks: readonly CommitLink[]) {
  const status = readWireNumber(step.status);
  const number = index + 1;
  const { statusLabel, statusClass, failed } = describeStepStatus(status, step.allowed_to_fail === true);
  const streams = STREAM_NAMES.map((stream) => toStreamView(step, stream, index, resultKey));
  return {
    number,
    id: `step-${number}`,
    name: step.name === undefined ? `step ${number}` : formatValue(step.name),
    type: step.type === undefined ? '' : formatValue(step.type),
    ending: describeEnding(step, status),
    statusLabel,
    statusClass,
    duration: formatDuration(step.duration),
    command: formatCommand(step.command),
    failed,
    streams: streams.filter((stream) => stream.lineCount > 0),
    emptyStreams: streams.filter((stream) => stream.lineCount === 0).map((stream) => stream.label),
    extras: toReadableFields(
      Object.fromEntries(Object.entries(step).filter(([key]) => !STEP_HEADING_KEYS.has(key))),
      commitLinks,
    ),
  };
}

/**
 * How the step's process ended, in words: "exit status 2", "timed out, killed by SIGKILL";
 * '' for a plain exit status 0, which needs no words.
 */
export function describeEnding(step: WireStruct, status: number | undefined): string {
  const termination = typeof step.termination === 'string' ? TERMINATIONS[step.termination] ?? formatValue(step.termination) : undefined;
  const signal = typeof step.signal === 'string' ? `killed by ${formatValue(step.signal)}` : undefined;
  const exit = status === undefined ? (step.status === undefined ? undefined : formatValue(step.status)) : `exit status ${status}`;
  if (termination === undefined && signal === undefined && status === 0) {
    return '';
  }
  return [termination, signal ?? exit].filter((part) => part !== undefined).join(', ');
}

function toStreamView(step: WireStruct, stream: (typeof STREAM_NAMES)[number], index: number, resultKey: number) {
  const { text, note } = formatOutput(step[stream]);
  const number = index + 1;
  const log = toLogView(text, stream === 'output' ? `step-${number}` : `step-${number}-${stream}`);
  return {
    label: stream,
    note,
    ...log,
    fullUrl: makeStepOutputUrl(resultKey, index, stream),
  };
}

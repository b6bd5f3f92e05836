// The terminal view of a run: a header per step, its output live, a status line
// with the duration, and a summary at the end. It only reads run events.
import type { Writable } from 'node:stream';
import type { RunEventConsumer } from '../run/event-bus.ts';
import { getStepState, type StepState } from '../results/outcome.ts';
import type { ClientInfo, StepResult } from '../../wire/types.ts';
import type { RunEvent } from '../events.ts';
import { describeCommand } from '../steps/step-spec.ts';
import { createPalette, shouldUseColor, type Palette } from './colors.ts';
import { formatStepArtifacts } from './format-artifacts.ts';
import { formatDuration } from './format-duration.ts';
import { formatFailedCase, formatStepTestReport, listFailedCases, maxListedFailures } from './format-test-report.ts';
import { LineInterleaver } from './interleave-lines.ts';
import { createTextWriter } from './write-text.ts';

export interface ConsoleReporterOptions {
  stdout?: Writable & { isTTY?: boolean };
  stderr?: Writable;
  color?: boolean;
  verbose?: boolean;
}

interface SummaryRow {
  name: string;
  type: string;
  state: StepState | 'skipped';
  duration?: number;
  detail: string;
}

const stateLabels: Record<SummaryRow['state'], string> = {
  passed: 'PASS',
  'allowed-failure': 'WARN',
  failed: 'FAIL',
  interrupted: 'STOP',
  skipped: 'SKIP',
};

export function createConsoleReporter(options: ConsoleReporterOptions = {}): RunEventConsumer {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const palette = createPalette(options.color ?? shouldUseColor(stdout));
  const terminal = new LineInterleaver({ output: stdout, errout: stderr });
  const rows: SummaryRow[] = [];
  // Only what the summary prints is kept, not every step's cases.
  const failedTests: string[] = [];
  let unlistedFailedTests = 0;
  const writeOut = createTextWriter(stdout);
  const say = (line: string) => writeOut(`${line}\n`);

  return (event: RunEvent) => {
    switch (event.type) {
      case 'build:start': {
        const tags = event.tags.length > 0 ? ` [${event.tags.join(', ')}]` : '';
        return say(palette.bold(`pony-build: building ${event.package}${tags}`));
      }
      case 'context:enter': {
        return say(palette.dim(`── ${event.name}: ${event.description}`));
      }
      case 'context:note': {
        return say(palette.dim(`   ${event.text}`));
      }
      case 'context:exit': {
        return options.verbose ? say(palette.dim(`── left ${event.name}`)) : undefined;
      }
      case 'step:start': {
        const where = options.verbose ? palette.dim(` (in ${event.cwd})`) : '';
        return say(
          `${palette.cyan(palette.bold(`▶ ${event.stepType}: ${event.name}`))}${where}\n${palette.dim(`$ ${describeCommand(event.command)}`)}`,
        );
      }
      case 'step:output': {
        return terminal.write(event.stream, event.text);
      }
      case 'step:end': {
        terminal.flush();
        const row = summarizeStep(event.result);
        rows.push(row);
        const failed = listFailedCases(event.result);
        const room = Math.max(0, maxListedFailures - failedTests.length);
        failedTests.push(...failed.slice(0, room).map((testCase) => formatFailedCase(testCase, palette)));
        unlistedFailedTests += Math.max(0, failed.length - room);
        return say([
          formatStepEnd(row, palette), ...formatStepTestReport(event.result, palette), ...formatStepArtifacts(event.result, palette),
        ].join('\n'));
      }
      case 'step:skip': {
        rows.push({ name: event.name, type: '', state: 'skipped', detail: event.reason });
        return options.verbose ? say(palette.dim(`  skipped ${event.name}: ${event.reason}`)) : undefined;
      }
      case 'build:end': {
        return say(formatSummary(event.clientInfo, rows, palette, failedTests, unlistedFailedTests, event.skipReason));
      }
    }
  };
}

function summarizeStep(result: StepResult): SummaryRow {
  const state = getStepState(result);
  return { name: result.name, type: result.type, state, duration: result.duration, detail: describeEnding(result, state) };
}

function describeEnding(result: StepResult, state: StepState): string {
  const leftovers = result.ended_leftover_processes ? 'ended the processes it left running' : '';
  if (state === 'passed') {
    return leftovers;
  }
  const reasons: string[] = [];
  if (result.termination === 'timeout') {
    reasons.push('timed out');
  } else if (result.termination === 'interrupted') {
    reasons.push('interrupted');
  } else if (result.termination === 'spawn-error' || result.status === -1) {
    reasons.push('could not start');
  } else {
    reasons.push(`exit status ${result.status}`);
  }
  if (state === 'allowed-failure') {
    reasons.push('allowed to fail');
  }
  if (leftovers) {
    reasons.push(leftovers);
  }
  return reasons.join(', ');
}

function colorState(state: SummaryRow['state'], palette: Palette): string {
  const label = stateLabels[state];
  if (state === 'passed') {
    return palette.green(label);
  }
  return state === 'failed' || state === 'interrupted' ? palette.red(label) : palette.yellow(label);
}

function formatStepEnd(row: SummaryRow, palette: Palette): string {
  const detail = row.detail ? ` ${row.detail}` : '';
  return `${colorState(row.state, palette)} ${row.name} (${formatDuration(row.duration ?? 0)})${detail}`;
}

function formatSummary(
  clientInfo: ClientInfo,
  rows: SummaryRow[],
  palette: Palette,
  failedTests: string[],
  unlistedFailedTests: number,
  skipReason: string | undefined,
): string {
  const nameWidth = Math.max(4, ...rows.map((row) => row.name.length));
  const lines = rows.map((row) => {
    const duration = row.duration === undefined ? '' : formatDuration(row.duration);
    return `  ${colorState(row.state, palette)}  ${row.name.padEnd(nameWidth)}  ${duration.padStart(9)}  ${row.detail}`.trimEnd();
  });
  const passed = rows.filter((row) => row.state === 'passed').length;
  const total = formatDuration(clientInfo.duration ?? 0);
  const counted = `${passed} of ${rows.length} steps passed`;
  // A build that stopped after its checkout because the server already has that revision
  // did not fail: it was never meant to run its steps.
  const ending = skipReason === undefined
    ? `Build ${clientInfo.success ? palette.green(palette.bold('succeeded')) : palette.red(palette.bold('FAILED'))} in ${total} (${counted})`
    : `Build ${palette.yellow(palette.bold('skipped'))} after ${total}: ${skipReason}`;
  return [
    '',
    palette.bold(`Summary for ${clientInfo.package}`),
    ...lines,
    ...(failedTests.length > 0 ? ['Failed tests:', ...failedTests] : []),
    ...(unlistedFailedTests > 0 ? [`  ... and ${unlistedFailedTests} more`] : []),
    ending,
  ].join('\n');
}

// Recipe mistakes are found before anything runs and reported together, so a
// recipe author fixes them in one pass rather than one per run.
import { describeValue } from '../../wire/describe-value.ts';
import { findArtifactsProblems } from '../artifacts/artifacts-option.ts';
import { findTestReportProblems } from '../test-reports/test-report-option.ts';
import { getStepName, type StepSpec } from './step-spec.ts';

export class RecipeError extends Error {
  constructor(readonly problems: string[]) {
    super(`The recipe has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n  ${problems.join('\n  ')}`);
    this.name = 'RecipeError';
  }
}

const maxTimeoutSeconds = Math.floor((2 ** 31 - 1) / 1000);

const knownStepOptions = new Set(['kind', 'type', 'command', 'run', 'name', 'cwd', 'env', 'timeout', 'allowFailure', 'shell', 'testReport', 'artifacts']);

export function findStepProblems(steps: readonly StepSpec[]): string[] {
  return steps.flatMap((step, position) => findProblemsOfStep(step, position));
}

function findProblemsOfStep(step: StepSpec, position: number): string[] {
  const where = `step ${position + 1}`;
  if (typeof step !== 'object' || step === null) {
    return [`${where}: expected a step made with build(), test(), setup(), packageStep() or functionStep(), got ${describeValue(step)}`];
  }
  const label = `${where} (${safeName(step)})`;
  const problems: string[] = [];
  const unknown = Object.keys(step).filter((key) => !knownStepOptions.has(key));
  if (unknown.length > 0) {
    problems.push(`${label}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `\`${key}\``).join(', ')}`);
  }
  if (step.kind === 'command') {
    problems.push(...findCommandProblems(step.command, step.shell, label));
  } else if (step.kind === 'function') {
    if (typeof step.run !== 'function') {
      problems.push(`${label}: expected \`run\` to be a function, got ${describeValue(step.run)}`);
    }
  } else {
    problems.push(`${label}: expected a command or function step`);
  }
  if (step.timeout !== undefined && !(typeof step.timeout === 'number' && Number.isFinite(step.timeout) && step.timeout > 0)) {
    problems.push(`${label}: expected \`timeout\` to be a positive number of seconds, got ${describeValue(step.timeout)}`);
  } else if (step.timeout !== undefined && step.timeout > maxTimeoutSeconds) {
    // Node's timers fire at once beyond 2^31 - 1 ms.
    problems.push(`${label}: expected \`timeout\` to be at most ${maxTimeoutSeconds} seconds (about 24 days), got ${describeValue(step.timeout)}`);
  }
  if (step.cwd !== undefined && typeof step.cwd !== 'string') {
    problems.push(`${label}: expected \`cwd\` to be a string, got ${describeValue(step.cwd)}`);
  }
  if (step.testReport !== undefined) {
    problems.push(...findTestReportProblems(step.testReport, label));
  }
  if (step.artifacts !== undefined) {
    problems.push(...findArtifactsProblems(step.artifacts, label));
  }
  if (step.env !== undefined) {
    const badKeys = typeof step.env === 'object' && step.env !== null && !Array.isArray(step.env)
      ? Object.entries(step.env).filter(([, value]) => value !== undefined && typeof value !== 'string').map(([key]) => key)
      : null;
    if (badKeys === null) {
      problems.push(`${label}: expected \`env\` to be an object of strings, got ${describeValue(step.env)}`);
    } else if (badKeys.length > 0) {
      problems.push(`${label}: expected \`env\` values to be strings, but ${badKeys.map((key) => `\`${key}\``).join(', ')} ${badKeys.length > 1 ? 'are' : 'is'} not`);
    }
  }
  return problems;
}

function findCommandProblems(command: unknown, shell: unknown, label: string): string[] {
  if (typeof command === 'string') {
    if (shell !== true) {
      return [`${label}: the command is a string, \`${command}\`; pass an argv array, or \`shell: true\` to run it through /bin/sh`];
    }
    return command.trim() === '' ? [`${label}: the command is empty`] : [];
  }
  if (!Array.isArray(command) || command.length === 0) {
    return [`${label}: expected \`command\` to be a non-empty argv array, got ${describeValue(command)}`];
  }
  const bad = command.findIndex((argument) => typeof argument !== 'string');
  return bad === -1 ? [] : [`${label}: argument ${bad} of the command is ${describeValue(command[bad])}, expected a string`];
}

function safeName(step: StepSpec): string {
  try {
    return getStepName(step);
  } catch {
    return 'unnamed';
  }
}

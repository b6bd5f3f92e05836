import { describeValue } from '../../wire/describe-value.ts';
import { findCommandProblem } from './normalize-command.ts';
import { CommandOptionsError } from './options-error.ts';
import type { RunCommandOptions } from './options.ts';

const MAX_TIMER_MS = 2 ** 31 - 1;

const KNOWN_OPTIONS = new Set([
  'command', 'shell', 'cwd', 'env', 'timeoutMs', 'killGraceMs', 'signal', 'captureBytes', 'logFile', 'onOutput',
]);

// Collects every problem before throwing, so a recipe author fixes them in one pass.
export function validateRunCommandOptions(options: RunCommandOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new CommandOptionsError([`Expected the options to be an object, got ${describeValue(options)}`]);
  }
  const problems = [
    findUnknownOptions(options),
    validateShell(options.shell),
    findCommandProblem(options.command, options.shell === true),
    validateNonEmptyString('cwd', options.cwd),
    ...validateEnv(options.env),
    validatePositiveNumber('timeoutMs', options.timeoutMs),
    validateNonNegativeNumber('killGraceMs', options.killGraceMs),
    validateSignal(options.signal),
    validateCaptureBytes(options.captureBytes),
    validateNonEmptyString('logFile', options.logFile),
    validateFunction('onOutput', options.onOutput),
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) throw new CommandOptionsError(problems);
}

function findUnknownOptions(options: object): string | undefined {
  const unknown = Object.keys(options).filter((name) => !KNOWN_OPTIONS.has(name));
  if (unknown.length === 0) return undefined;
  const names = unknown.map((name) => `\`${name}\``).join(', ');
  return `Unknown option${unknown.length > 1 ? 's' : ''} passed to runCommand: ${names}`;
}

function validateShell(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  return `Expected the \`shell\` option to be a boolean, got ${describeValue(value)}`;
}

function validateNonEmptyString(name: string, value: unknown): string | undefined {
  if (value === undefined || (typeof value === 'string' && value !== '')) return undefined;
  return `Expected the \`${name}\` option to be a non-empty string, got ${describeValue(value)}`;
}

function validateEnv(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`Expected the \`env\` option to be an object, got ${describeValue(value)}`];
  }
  return Object.entries(value)
    .filter(([, variable]) => variable !== undefined && typeof variable !== 'string')
    .map(([name, variable]) => `Expected the \`env\` option's \`${name}\` to be a string or undefined, got ${describeValue(variable)}`);
}

function validatePositiveNumber(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    return `Expected the \`${name}\` option to be a positive number, got ${describeValue(value)}`;
  }
  return validateTimerRange(name, value);
}

function validateNonNegativeNumber(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    return `Expected the \`${name}\` option to be a non-negative number, got ${describeValue(value)}`;
  }
  return validateTimerRange(name, value);
}

// setTimeout fires after 1 ms for longer delays, which would kill a step at once.
function validateTimerRange(name: string, value: number): string | undefined {
  if (value <= MAX_TIMER_MS) return undefined;
  return `Expected the \`${name}\` option to be at most ${MAX_TIMER_MS} (about 24.8 days), got ${describeValue(value)}`;
}

function validateCaptureBytes(value: unknown): string | undefined {
  if (value === undefined || (Number.isSafeInteger(value) && (value as number) >= 0)) return undefined;
  return `Expected the \`captureBytes\` option to be a non-negative integer, got ${describeValue(value)}`;
}

// Unlike instanceof, a duck-typed check also accepts signals from another realm or polyfill.
function validateSignal(value: unknown): string | undefined {
  const isSignal = typeof value === 'object' && value !== null
    && typeof (value as AbortSignal).aborted === 'boolean'
    && typeof (value as AbortSignal).addEventListener === 'function';
  if (value === undefined || isSignal) return undefined;
  return `Expected the \`signal\` option to be an AbortSignal, got ${describeValue(value)}`;
}

function validateFunction(name: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'function') return undefined;
  return `Expected the \`${name}\` option to be a function, got ${describeValue(value)}`;
}

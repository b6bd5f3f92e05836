// What a recipe declares. A step is data until the runner runs it, so a recipe
// can be inspected, printed and validated before anything starts.
import type { Shell as ZxShell } from 'zx';
import type { ArtifactsOption } from '../artifacts/artifacts-option.ts';
import type { TestReportOption } from '../test-reports/test-report-option.ts';
import type { StepType } from '../../wire/types.ts';

export interface StepOptions {
  /** Shown in headers and stored as the step's `name`; defaults to the command. */
  name?: string;
  /** Relative paths resolve against the build directory set by the contexts. */
  cwd?: string;
  /** Merged over the build's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Seconds before the step's whole process tree is killed. */
  timeout?: number;
  /** A failure is recorded but neither fails the build nor stops it. */
  allowFailure?: boolean;
  /**
   * Where the step's test results come from: JUnit XML files (globs relative to
   * the step's directory), TAP on its stdout, or node:test through pony-build's
   * reporter. The cases go into the result as `test_cases`; the step still
   * passes or fails by its exit status.
   */
  testReport?: TestReportOption;
  /**
   * Files the step produces, as globs relative to its directory (a directory stands for
   * everything under it). They are listed in the result as `artifacts` and, when the build is
   * reported, uploaded to the server once it stored the result. A glob matching nothing is a
   * warning on the step, never a failure.
   */
  artifacts?: ArtifactsOption;
}

export interface CommandStepOptions extends StepOptions {
  /** Run a string through /bin/sh; without it, commands are argv arrays and nothing is interpreted. */
  shell?: boolean;
}

export interface CommandStep extends CommandStepOptions {
  kind: 'command';
  type: StepType;
  command: string[] | string;
}

/** What a function step gets: zx's `$` bound to the step's directory, environment and output. */
export interface FunctionStepTools {
  $: ZxShell;
  cwd: string;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  /** Appends text to the step's captured output (and the terminal). */
  log: (text: string) => void;
}

export interface FunctionStep extends StepOptions {
  kind: 'function';
  type: StepType;
  name: string;
  run: (tools: FunctionStepTools) => unknown | Promise<unknown>;
}

export type StepSpec = CommandStep | FunctionStep;

export function commandStep(type: StepType, command: string[] | string, options: CommandStepOptions = {}): CommandStep {
  return { ...options, kind: 'command', type, command };
}

export const setup = (command: string[] | string, options?: CommandStepOptions) => commandStep('setup', command, options);
export const build = (command: string[] | string, options?: CommandStepOptions) => commandStep('build', command, options);
export const test = (command: string[] | string, options?: CommandStepOptions) => commandStep('test', command, options);
export const packageStep = (command: string[] | string, options?: CommandStepOptions) => commandStep('package', command, options);

/** A step written in TypeScript; it fails when the function throws. */
export function functionStep(
  name: string,
  run: FunctionStep['run'],
  options: StepOptions & { type?: StepType } = {},
): FunctionStep {
  const { type = 'build', ...rest } = options;
  return { ...rest, kind: 'function', type, name, run };
}

export function describeCommand(command: string[] | string): string {
  return typeof command === 'string' ? command : command.map(quoteArgument).join(' ');
}

function quoteArgument(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", `'\\''`)}'`;
}

export function getStepName(step: StepSpec): string {
  return step.name ?? describeCommand((step as CommandStep).command);
}

// The seam between the runner and contexts/: a context prepares where and with
// what the steps run, and undoes it afterwards. The runner guarantees that a
// context that was entered is exited, in reverse order, whatever happens.
import type { StepSpec } from './steps/step-spec.ts';
import type { StepResult, WireStruct } from '../wire/types.ts';

export interface ContextScope {
  /** The directory steps run in; a context may move it (a temp dir, a checkout). */
  cwd: string;
  /** The environment steps run with; a context may add to it (PATH of a sandbox). */
  env: Record<string, string | undefined>;
  /** Keys this build adds to `client_info` (`tempdir`, VCS revision...). */
  info: WireStruct;
  /** Set by `--no-clean-temp`: contexts leave what they created in place. */
  keep: boolean;
  /** Aborted on Ctrl-C; long context work should stop when it fires. */
  signal: AbortSignal;
  /** Runs a step recorded in the report, e.g. a checkout, and returns its result. */
  runStep: (step: StepSpec, options?: RunStepOptions) => Promise<StepResult>;
  /** A line for the terminal (and nothing else): what the context did. */
  note: (text: string) => void;
}

/** How a context takes part in a step it runs. */
export interface RunStepOptions {
  /**
   * Completes the result before the step's `step:end` is announced, so every consumer of the
   * event sees what the context adds (a checkout's `version_type` and `version_info`). When
   * it throws, the step still ends with its result as it was, and `runStep` rejects with
   * the hook's error.
   */
  beforeEnd?: (result: StepResult) => void | Promise<void>;
}

export interface BuildContext {
  /** A short name for headers and errors, e.g. `temp dir`. */
  readonly name: string;
  /** Throws, or returns a failed step result via `scope.runStep`, when it cannot be entered. */
  enter(scope: ContextScope): Promise<void>;
  /** One line for the terminal once entered, e.g. `steps run in /tmp/pony-build-x1y2`. */
  describe?(scope: ContextScope): string;
  /** Always called once for an entered context, even after a failure or Ctrl-C. */
  exit(scope: ContextScope): Promise<void>;
  /**
   * Mistakes in this context's options, one line each, found before anything runs. It sees
   * every context of the build so it can name clashes (two checkouts into one directory).
   */
  findProblems?(contexts: readonly BuildContext[]): string[];
  /**
   * The revision entering would check out, learned cheaply from the repository without a
   * checkout (`git ls-remote`), so a recipe can tell the server which revision it is about
   * to build before building it. Only checkouts have one; undefined when it cannot be told.
   */
  readUpstreamRevision?(env: Record<string, string | undefined>, signal: AbortSignal): Promise<string | undefined>;
}

/** Thrown by a context that could not be entered; the build stops, exits still run. */
export class ContextError extends Error {
  constructor(
    readonly contextName: string,
    message: string,
  ) {
    super(`${contextName}: ${message}`);
    this.name = 'ContextError';
  }
}

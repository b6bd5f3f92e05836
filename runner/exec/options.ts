import type { OutputStream } from '../../wire/types.ts';

/** Receives a step's output as it arrives; returning a promise pauses that stream until it settles. */
export type OutputListener = (stream: OutputStream, text: string) => void | Promise<void>;

/** Why a command ended other than by exiting on its own. */
export type Termination = 'timeout' | 'interrupted' | 'spawn-error';

/** How to run one step's command. */
export interface RunCommandOptions {
  /** An argv array; a string only with `shell: true`. */
  command: string[] | string;
  /** Run through `/bin/sh -c`; an array is then joined with spaces, as execa does. */
  shell?: boolean;
  /** Working directory; the runner's own when unset. */
  cwd?: string;
  /** Merged over `process.env`; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Kill the process tree after this many milliseconds. */
  timeoutMs?: number;
  /** Milliseconds between SIGTERM and SIGKILL when killing the tree; 3000 by default. */
  killGraceMs?: number;
  /** Aborting interrupts the command (the runner's Ctrl-C): the tree is killed and `interrupted` recorded. */
  signal?: AbortSignal;
  /** Bytes kept per stream in the outcome, half from the head and half from the tail; 1 MiB by default. */
  captureBytes?: number;
  /** When set, the complete stdout and stderr are also written to this file. */
  logFile?: string;
  /** Live output, decoded as UTF-8 without splitting characters. */
  onOutput?: OutputListener;
}

/** What happened to one command. */
export interface CommandOutcome {
  /** Exit status; 128 + signal number when killed by a signal; -1 when it never ran. */
  status: number;
  /** The signal that ended the process, e.g. `SIGTERM`. */
  signal?: string;
  termination?: Termination;
  /** Captured stdout, bounded by `captureBytes`, with a marker where the middle was cut. */
  output: string;
  /** Captured stderr, bounded the same way. */
  errout: string;
  outputTruncatedBytes: number;
  erroutTruncatedBytes: number;
  durationSeconds: number;
  /** The command exited leaving processes of its group running; they were ended. */
  endedLeftoverProcesses?: true;
  /** A one-line account of what went wrong, for the step's header and summary. */
  error?: string;
}

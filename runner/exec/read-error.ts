import type { Termination } from './options.ts';

/** A command run for its output that did not give one: it failed, timed out or could not start. */
export class CommandReadError extends Error {
  constructor(
    readonly command: string[],
    /** The exit status; -1 when the command never ran. */
    readonly status: number,
    /** Set when the command did not end on its own; unset when it ran and refused. */
    readonly termination: Termination | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'CommandReadError';
  }
}

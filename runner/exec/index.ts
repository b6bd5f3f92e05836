export { runCommand } from './run-command.ts';
export type { CommandOutcome, OutputListener, RunCommandOptions, Termination } from './options.ts';
export { CommandOptionsError } from './options-error.ts';
export { BoundedCapture, formatTruncationMarker, type CapturedText } from './bounded-capture.ts';
export { getExitStatus } from './exit-status.ts';
export { formatArgv } from './normalize-command.ts';
export { readCommandOutput, type ReadCommandOptions } from './read-command-output.ts';
export { CommandReadError } from './read-error.ts';
export { getOutputTail } from './output-tail.ts';

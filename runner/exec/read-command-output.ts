// Short commands a context runs for what they print (a revision, an interpreter's version) or
// for a change that prints nothing (a line of git config). They go through runCommand like any
// step, so a timeout or Ctrl-C kills their whole process tree, but they are not recorded as
// steps: what they print reaches the report anyway, as `version_info` or in `client_info`.
import { formatArgv } from './normalize-command.ts';
import type { CommandOutcome } from './options.ts';
import { getOutputTail } from './output-tail.ts';
import { CommandReadError } from './read-error.ts';
import { runCommand } from './run-command.ts';

// Such a read answers in well under a second. A minute leaves room for a loaded machine or a
// cold disk, and still ends a build whose read hangs (a lock held elsewhere, a prompt nobody
// answers) instead of holding the machine until someone notices.
const DEFAULT_READ_TIMEOUT_MS = 60_000;
// Answers are a line or a small JSON document; one cut in the middle would be misread, so a
// read that prints more than this fails instead.
const READ_CAPTURE_BYTES = 1024 * 1024;

export interface ReadCommandOptions {
  /** Working directory; the runner's own when unset. */
  cwd?: string;
  /** Merged over `process.env`; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Aborting kills the command (the build's Ctrl-C). */
  signal?: AbortSignal;
  /** Milliseconds before the command's process tree is killed; 60 000 (a minute) by default. */
  timeoutMs?: number;
}

/**
 * Runs an argv array and resolves to its stdout without surrounding whitespace. Rejects with a
 * CommandReadError naming the command when it exits non-zero, is killed, times out, cannot
 * start or prints more than can be read whole.
 */
export async function readCommandOutput(command: string[], options: ReadCommandOptions = {}): Promise<string> {
  const { cwd, env, signal, timeoutMs = DEFAULT_READ_TIMEOUT_MS } = options;
  const outcome = await runCommand({ command, cwd, env, signal, timeoutMs, captureBytes: READ_CAPTURE_BYTES });
  const problem = findReadProblem(outcome);
  if (problem !== undefined) {
    throw new CommandReadError(command, outcome.status, outcome.termination, `\`${formatArgv(command)}\` ${problem}`);
  }
  return outcome.output.trim();
}

function findReadProblem(outcome: CommandOutcome): string | undefined {
  if (outcome.termination === 'spawn-error') return `could not start: ${outcome.error}`;
  if (outcome.termination !== undefined) return outcome.error;
  if (outcome.status !== 0) {
    const ending = outcome.signal === undefined ? `exited with status ${outcome.status}` : `was killed by ${outcome.signal}`;
    const tail = getOutputTail(outcome);
    return tail.length === 0 ? ending : `${ending}; its output ends with:\n${tail.map((line) => `  ${line}`).join('\n')}`;
  }
  if (outcome.outputTruncatedBytes > 0) {
    return `printed more than ${READ_CAPTURE_BYTES / (1024 * 1024)} MiB on stdout, too much to be read whole`;
  }
  return undefined;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { BoundedCapture } from './bounded-capture.ts';
import { CommandOutput } from './command-output.ts';
import { describeEnding } from './describe-ending.ts';
import { getExitStatus } from './exit-status.ts';
import { trackProcessTree, untrackProcessTree } from './live-trees.ts';
import { LogFile } from './log-file.ts';
import { mergeEnv } from './merge-env.ts';
import { normalizeCommand, type SpawnTarget } from './normalize-command.ts';
import type { CommandOutcome, RunCommandOptions } from './options.ts';
import { OutputPump } from './pump-output.ts';
import { describeSpawnError } from './spawn-error.ts';
import { TreeTerminator } from './terminate-tree.ts';
import { createUnstartedOutcome } from './unstarted-outcome.ts';
import { validateRunCommandOptions } from './validate-options.ts';

const DEFAULT_CAPTURE_BYTES = 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 3000;
const PIPE_GRACE_MS = 500;

type Exit = [code: number | null, signal: NodeJS.Signals | null];

// Runs one step's command with live, bounded, optionally logged output. Resolves for anything
// the command does, including failing to start; rejects only for invalid options, an unopenable
// `logFile`, or an `onOutput` that throws (the command is then killed first).
export async function runCommand(options: RunCommandOptions): Promise<CommandOutcome> {
  validateRunCommandOptions(options);
  const target = normalizeCommand(options.command, options.shell ?? false);
  const cwd = resolve(options.cwd ?? '.');
  if (options.signal?.aborted) return createUnstartedOutcome('interrupted', 'interrupted before the command started', 0);
  const logFile = options.logFile === undefined ? undefined : await LogFile.open(options.logFile);
  if (options.signal?.aborted) {
    await logFile?.close();
    return createUnstartedOutcome('interrupted', 'interrupted before the command started', 0);
  }
  const startedAt = performance.now();
  const started = startChild(target, cwd, options.env);
  const spawnError = started instanceof Error ? started : await waitForSpawnError(started);
  if (spawnError !== undefined) {
    const message = describeSpawnError(spawnError, target, cwd);
    logFile?.write(Buffer.from(`${message}\n`));
    await logFile?.close();
    return createUnstartedOutcome('spawn-error', message, getSecondsSince(startedAt));
  }
  return superviseChild(started as ChildProcess & { pid: number }, options, logFile, startedAt);
}

function startChild(target: SpawnTarget, cwd: string, env: RunCommandOptions['env']): ChildProcess | Error {
  try {
    // node's spawn directly, not execa: a recipe of 200 trivial steps must cost at most twice a
    // bare spawn loop. `detached` makes the command lead its own process group, so the whole
    // tree can be killed; it also means the terminal's Ctrl-C no longer reaches the command, so
    // interruption comes in through the `signal` option instead.
    return spawn(target.file, target.args, { cwd, env: mergeEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  } catch (error) {
    // Some failures (ENOTDIR for a file given as cwd) are thrown instead of emitted.
    return error as Error;
  }
}

// A child without a pid failed to start; spawn says why on the next tick.
async function waitForSpawnError(child: ChildProcess): Promise<Error | undefined> {
  if (child.pid !== undefined) return undefined;
  return new Promise((resolve) => child.once('error', resolve));
}

async function superviseChild(
  child: ChildProcess & { pid: number },
  options: RunCommandOptions,
  logFile: LogFile | undefined,
  startedAt: number,
): Promise<CommandOutcome> {
  trackProcessTree(child.pid);
  const killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const terminator = new TreeTerminator(child.pid, killGraceMs);
  const captureBytes = options.captureBytes ?? DEFAULT_CAPTURE_BYTES;
  const captures = { output: new BoundedCapture(captureBytes), errout: new BoundedCapture(captureBytes) };
  let consumerFailure: { error: unknown } | undefined;
  const onConsumerError = (error: unknown): void => {
    if (consumerFailure !== undefined) return;
    consumerFailure = { error };
    terminator.kill();
    for (const pump of pumps) pump.destroy();
  };
  const commandOutput = new CommandOutput({
    captures,
    logFile,
    onOutput: options.onOutput,
    onBehind: (wait) => {
      for (const pump of pumps) pump.waitFor(wait);
    },
    onConsumerError,
  });
  const pumps = [
    new OutputPump({ stream: 'output', source: child.stdout!, output: commandOutput }),
    new OutputPump({ stream: 'errout', source: child.stderr!, output: commandOutput }),
  ];
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
  const timeoutTimer = options.timeoutMs === undefined ? undefined : setTimeout(() => terminator.terminate('timeout'), options.timeoutMs);
  let hasExited = false;
  let endedLeftovers = false;
  // After the command exited, an interruption only stops waiting for its leftover output.
  const onAbort = (): void => {
    if (hasExited) {
      for (const pump of pumps) pump.destroy();
    } else {
      terminator.terminate('interrupted');
    }
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let exit: Exit;
  try {
    exit = await exited;
    hasExited = true;
    clearTimeout(timeoutTimer);
    // Before waiting for the pipes: an orphan holding them open would otherwise keep running
    // after the build, its output dropped once the grace below ran out.
    endedLeftovers = await terminator.endLeftovers();
    for (const pump of pumps) pump.startExitGrace(PIPE_GRACE_MS);
    await Promise.all(pumps.map((pump) => pump.finished));
    terminator.finish();
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    untrackProcessTree(child.pid);
    await logFile?.close();
  }
  if (consumerFailure !== undefined) throw consumerFailure.error;
  const [code, signal] = exit;
  const output = captures.output.finish();
  const errout = captures.errout.finish();
  const error = describeEnding({
    termination: terminator.reason,
    wasForced: terminator.wasForced,
    signal,
    timeoutMs: options.timeoutMs,
    killGraceMs,
    logWriteError: logFile?.writeError === undefined ? undefined : `could not write the log file ${logFile.path}: ${logFile.writeError.message}`,
  });
  return {
    status: getExitStatus(code, signal),
    ...(signal === null ? {} : { signal }),
    ...(terminator.reason === undefined ? {} : { termination: terminator.reason }),
    output: output.text,
    errout: errout.text,
    outputTruncatedBytes: output.truncatedBytes,
    erroutTruncatedBytes: errout.truncatedBytes,
    durationSeconds: getSecondsSince(startedAt),
    ...(endedLeftovers ? { endedLeftoverProcesses: true } : {}),
    ...(error === undefined ? {} : { error }),
  };
}

function getSecondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

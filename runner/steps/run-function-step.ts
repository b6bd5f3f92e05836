// Runs a step written as a TypeScript function. Its `$` is zx's, bound to the
// step's directory and environment, and everything it runs is teed into the
// step's output like a command step's.
import type { LogEntry } from 'zx';
import { BoundedCapture, type CommandOutcome } from '../exec/index.ts';
import { createProcessGroups } from './spawn-in-group.ts';
import type { FunctionStep } from './step-spec.ts';

export interface FunctionStepOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  timeoutMs?: number;
  captureBytes?: number;
  onOutput: (stream: 'output' | 'errout', text: string) => void | Promise<void>;
}

const defaultCaptureBytes = 1024 * 1024;

export async function runFunctionStep(run: FunctionStep['run'], options: FunctionStepOptions): Promise<CommandOutcome> {
  const started = performance.now();
  const captures = { output: new BoundedCapture(options.captureBytes ?? defaultCaptureBytes), errout: new BoundedCapture(options.captureBytes ?? defaultCaptureBytes) };
  const write = (stream: 'output' | 'errout', text: string) => {
    captures[stream].add(Buffer.from(text));
    void options.onOutput(stream, text);
  };
  const controller = new AbortController();
  const stopOnInterrupt = () => controller.abort(options.signal.reason);
  options.signal.addEventListener('abort', stopOnInterrupt, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<'timeout' | 'interrupted'>((resolve) => {
    controller.signal.addEventListener('abort', () => resolve(options.signal.aborted ? 'interrupted' : 'timeout'), { once: true });
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => controller.abort(new Error('timed out')), options.timeoutMs);
    }
  });

  // Loaded only when a recipe has function steps: zx costs ~16 MB of memory to load.
  const { $: zx$ } = await import('zx');
  const groups = createProcessGroups();
  const $ = zx$({
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv,
    signal: controller.signal,
    spawn: groups.spawn as typeof import('node:child_process').spawn,
    log: (entry: LogEntry) => teeZxEntry(entry, write),
  });

  let status = 0;
  let termination: CommandOutcome['termination'];
  let error: string | undefined;
  try {
    const ending = await Promise.race([
      Promise.resolve().then(() => run({ $, cwd: options.cwd, env: options.env, signal: controller.signal, log: (text) => write('output', text.endsWith('\n') ? text : `${text}\n`) })).then(() => 'finished' as const),
      stopped,
    ]);
    if (ending !== 'finished') {
      // The function itself cannot be stopped from outside; what it started is.
      await groups.terminateAll();
      termination = ending;
      status = -1;
      error = ending === 'timeout' ? `timed out after ${options.timeoutMs! / 1000} s` : 'interrupted';
      write('errout', `pony-build: ${error}\n`);
    }
  } catch (thrown) {
    status = 1;
    termination = options.signal.aborted ? 'interrupted' : controller.signal.aborted ? 'timeout' : undefined;
    if (termination) {
      await groups.terminateAll();
    }
    error = thrown instanceof Error ? thrown.message : String(thrown);
    write('errout', `${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}\n`);
  } finally {
    groups.release();
    clearTimeout(timer);
    options.signal.removeEventListener('abort', stopOnInterrupt);
    if (!controller.signal.aborted) {
      controller.abort();
    }
  }
  const output = captures.output.finish();
  const errout = captures.errout.finish();
  return {
    status,
    termination,
    output: output.text,
    errout: errout.text,
    outputTruncatedBytes: output.truncatedBytes,
    erroutTruncatedBytes: errout.truncatedBytes,
    durationSeconds: (performance.now() - started) / 1000,
    error,
  };
}

function teeZxEntry(entry: LogEntry, write: (stream: 'output' | 'errout', text: string) => void): void {
  if (entry.kind === 'cmd') {
    write('output', `$ ${entry.cmd}\n`);
  } else if (entry.kind === 'stdout') {
    write('output', entry.data.toString());
  } else if (entry.kind === 'stderr') {
    write('errout', entry.data.toString());
  }
}

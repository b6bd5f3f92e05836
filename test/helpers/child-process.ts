// Runs a recipe or the pony-build command as a real child process, the way a
// user or cron would, and collects what it printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  finished: Promise<Finished>;
  /** Resolves once stdout has contained `text`. */
  waitForOutput: (text: string, timeoutMs?: number) => Promise<void>;
  /** What stdout has said so far. */
  stdoutSoFar: () => string;
}

export function startTypeScript(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Running {
  const child = spawn(process.execPath, ['--import', tsxLoader, file, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, PONY_BUILD_SERVER: undefined, PONY_BUILD_TAGS: undefined, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of waiters.filter((waiter) => stdout.includes(waiter.text))) {
      waiter.resolve();
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const waitForOutput = (text: string, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      if (stdout.includes(text)) {
        resolve();
        return;
      }
      const timer = setTimeout(() => reject(new Error(`no "${text}" in output after ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
      waiters.push({ text, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  return { child, finished, waitForOutput, stdoutSoFar: () => stdout };
}

export function runTypeScript(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
  return startTypeScript(file, args, options).finished;
}

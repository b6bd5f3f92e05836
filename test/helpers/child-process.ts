// Runs a recipe or the pony-build command as a real child process, the way a
// user or cron would, and collects what it printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
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
  /** Resolves once stdout has contained `text`; rejects if the process ends without printing it. */
  waitForOutput: (text: string) => Promise<void>;
  /** What stdout has said so far. */
  stdoutSoFar: () => string;
}

export interface TypeScriptOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Flags for node itself, such as `--max-old-space-size=64`. */
  nodeFlags?: string[];
  /** Written to the child's stdin, which is then closed; without it stdin is /dev/null. */
  input?: string;
}

export function startTypeScript(file: string, args: string[], options: TypeScriptOptions = {}): Running {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', tsxLoader, file, ...args], {
    cwd: options.cwd ?? projectRoot,
    env: {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: undefined,
      PONY_BUILD_SERVER: undefined,
      PONY_BUILD_TAGS: undefined,
      PONY_BUILD_TOKEN: undefined,
      // A spool of its own (made only when something is spooled): no run sends or leaves results in the user's.
      PONY_BUILD_SPOOL: path.join(os.tmpdir(), `pony-test-spool-${randomUUID()}`),
      ...options.env,
    },
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(options.input);
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
  // No deadline: a loaded machine may take any time to print, and the process ending without
  // the text is the failure worth reporting (the test's own timeout catches a hang).
  const waitForOutput = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (stdout.includes(text)) {
        resolve();
        return;
      }
      waiters.push({ text, resolve });
      finished.then(
        (ending) => reject(new Error(`the process ended (${ending.signal ?? `exit status ${ending.code}`}) without printing "${text}":\n${stdout}\n${stderr}`)),
        reject,
      );
    });
  return { child, finished, waitForOutput, stdoutSoFar: () => stdout };
}

export function runTypeScript(file: string, args: string[], options: TypeScriptOptions = {}): Promise<Finished> {
  return startTypeScript(file, args, options).finished;
}

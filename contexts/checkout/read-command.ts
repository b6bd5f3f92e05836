// Reads repository state (a revision, an id) without recording a step: these commands change
// nothing, and their output ends up on the checkout step as `version_info` anyway.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ReadOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
}

export async function readCommandOutput(command: string[], options: ReadOptions): Promise<string> {
  const [file, ...args] = command;
  const { stdout } = await execFileAsync(file, args, { cwd: options.cwd, env: options.env, signal: options.signal, encoding: 'utf8' });
  return stdout.trim();
}

// Builds small real git repositories for the recipe tests: files written, committed, branched
// and tagged with the git command line, and cloned by the recipes through a file:// URL.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';
import { makeTempDir } from '../helpers/temp.ts';

const runFile = promisify(execFile);
const gitIdentity = ['-c', 'user.name=Pony Test', '-c', 'user.email=pony@example.org'];

/** A file's text, or its text and the executable bit (scripts such as `configure`). */
export type FileContent = string | { text: string; executable: true };

export const executable = (text: string): FileContent => ({ text, executable: true });

export interface GitRepository {
  /** What the recipe is given: a file:// URL. */
  url: string;
  directory: string;
  git(...args: string[]): Promise<string>;
  /** Writes the files, commits them with `message` on the current branch, returns the sha. */
  commit(message: string, files: Record<string, FileContent>): Promise<string>;
}

export async function makeGitRepository(t: ExecutionContext, name: string): Promise<GitRepository> {
  const directory = path.join(makeTempDir(t, 'pony-test-standin-'), name);
  mkdirSync(directory);
  const git = async (...args: string[]) => {
    const { stdout } = await runFile('git', [...gitIdentity, ...args], { cwd: directory, env: { ...process.env, LC_ALL: 'C' } });
    return stdout.trim();
  };
  await git('init', '--quiet', '--initial-branch=main');
  const commit = async (message: string, files: Record<string, FileContent>) => {
    writeFiles(directory, files);
    await git('add', '--all');
    await git('commit', '--quiet', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  return { url: pathToFileURL(directory).href, directory, git, commit };
}

function writeFiles(directory: string, files: Record<string, FileContent>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(directory, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : content.text);
    if (typeof content !== 'string') {
      chmodSync(file, 0o755);
    }
  }
}

// Where a sandbox installs its packages. It must start empty: packages left
// by an earlier build could make this one pass when a fresh machine would not.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ContextError, type ContextScope } from '../../runner/index.ts';

/**
 * The directory named by the recipe (relative to the build directory), or a
 * fresh one under the system's temp dir. The default stays out of the build
 * directory so that a checkout into it, or a tool that scans it, never meets
 * the sandbox.
 */
export async function createSandboxDirectory(contextName: string, scope: ContextScope, requested: string | undefined, prefix: string): Promise<string> {
  if (requested === undefined) {
    return mkdtemp(path.join(os.tmpdir(), prefix));
  }
  const directory = path.resolve(scope.cwd, requested);
  const existing = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      return [];
    }
    throw new ContextError(contextName, `cannot use \`directory\` ${directory}: ${error.message}`);
  });
  if (existing.length > 0) {
    throw new ContextError(contextName, `expected \`directory\` ${directory} to be empty or missing, but it holds ${existing.length} entr${existing.length === 1 ? 'y' : 'ies'} (${existing.sort().slice(0, 3).join(', ')}${existing.length > 3 ? ', ...' : ''})`);
  }
  await mkdir(directory, { recursive: true });
  return directory;
}

/** Removes the sandbox, or says where it was left when the build keeps its leftovers. */
export async function removeSandboxDirectory(scope: ContextScope, directory: string, keep: boolean | undefined): Promise<void> {
  if (keep || scope.keep) {
    scope.note(`kept ${directory}`);
    return;
  }
  await rm(directory, { recursive: true, force: true });
}

import { statSync } from 'node:fs';
import type { SpawnTarget } from './normalize-command.ts';

// spawn reports a missing working directory as ENOENT on the program, so look at the directory
// ourselves before blaming the command.
export function describeSpawnError(error: unknown, target: SpawnTarget, cwd: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN';
  const directoryProblem = findDirectoryProblem(cwd);
  if (directoryProblem !== undefined) return `${directoryProblem}: ${cwd} (${code}); command: ${target.display}`;
  if (code === 'ENOENT') return `command not found: ${target.file} (ENOENT); cwd: ${cwd}`;
  if (code === 'EACCES') return `permission denied: ${target.file} (EACCES); cwd: ${cwd}`;
  const reason = error instanceof Error ? error.message : String(error);
  return `could not start ${target.file}: ${reason} (${code}); cwd: ${cwd}`;
}

function findDirectoryProblem(cwd: string): string | undefined {
  try {
    return statSync(cwd).isDirectory() ? undefined : 'working directory is not a directory';
  } catch {
    return 'working directory not found';
  }
}

// The original's TempDirectoryContext: every build starts in a fresh, empty
// directory, so leftovers from an earlier build cannot make it pass.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BuildContext, ContextScope } from '../runner/index.ts';

export interface TempDirOptions {
  /** Where the directory is made; default the system's temp dir. */
  parent?: string;
  /** Keep it afterwards even without --no-clean-temp. */
  keep?: boolean;
}

export function tempDir(options: TempDirOptions = {}): BuildContext {
  let directory: string | undefined;
  let previousCwd: string | undefined;
  return {
    name: 'temp dir',
    async enter(scope: ContextScope) {
      directory = await mkdtemp(path.join(options.parent ?? os.tmpdir(), 'pony-build-'));
      previousCwd = scope.cwd;
      scope.cwd = directory;
      scope.info.tempdir = directory;
    },
    describe: () => `steps run in ${directory}`,
    async exit(scope: ContextScope) {
      scope.cwd = previousCwd ?? scope.cwd;
      if (directory === undefined) {
        return;
      }
      if (options.keep || scope.keep) {
        scope.note(`kept ${directory}`);
        return;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}

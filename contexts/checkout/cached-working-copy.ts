// svn and hg caches are plain working copies (or a bare hg clone) refreshed in place; the
// first one is made under a private name and renamed, so an interrupted first checkout never
// passes for a cache.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** True when `cachePath` holds the VCS's metadata directory (`.svn`, `.hg`). */
export async function hasMetadata(cachePath: string, metadataDirectory: string): Promise<boolean> {
  try {
    return (await stat(path.join(cachePath, metadataDirectory))).isDirectory();
  } catch {
    return false;
  }
}

/** Runs `create(partialPath)` and renames its result to `cachePath`; a rival's finished cache is kept. */
export async function createCacheAtomically(cachePath: string, create: (partialPath: string) => Promise<void>): Promise<void> {
  await rm(cachePath, { recursive: true, force: true });
  await mkdir(path.dirname(cachePath), { recursive: true });
  const partialPath = `${cachePath}.partial-${process.pid}`;
  await rm(partialPath, { recursive: true, force: true });
  try {
    await create(partialPath);
    await rename(partialPath, cachePath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') {
        throw error;
      }
    });
  } finally {
    await rm(partialPath, { recursive: true, force: true });
  }
}

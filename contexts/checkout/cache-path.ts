// Where cached repositories live. One directory per URL: a readable name for people looking
// at the disk, and a hash so that two repositories both called `hello` never share a cache.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { deriveDirectoryName } from './directory-name.ts';

const HASH_CHARACTERS = 12;

/** `PONY_BUILD_CACHE`, as the original client read it, else `~/.pony-build/cache`. */
export function getCacheRoot(env: Record<string, string | undefined>): string {
  const configured = env.PONY_BUILD_CACHE;
  return configured ? path.resolve(configured) : path.join(os.homedir(), '.pony-build', 'cache');
}

export function getCachePath(env: Record<string, string | undefined>, vcs: string, url: string): string {
  const hash = createHash('sha256').update(url).digest('hex').slice(0, HASH_CHARACTERS);
  return path.join(getCacheRoot(env), vcs, `${deriveDirectoryName(url)}-${hash}`);
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExecutionContext } from 'ava';

/** A temp directory removed when the test ends. */
export function makeTempDir(t: ExecutionContext, prefix = 'pony-test-'): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), prefix));
  t.teardown(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

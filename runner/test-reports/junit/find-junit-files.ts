// Expands a step's JUnit globs after its command ended. A file older than the
// step is left out: it was written by an earlier run and would report stale results.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { TestReport } from '../test-report.ts';

export async function findJunitFiles(patterns: readonly string[], cwd: string, startedAtMs: number, report: TestReport): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const matches = isDynamicPattern(pattern)
      ? (await glob(pattern, { cwd, absolute: true, onlyFiles: true, expandDirectories: false })).sort()
      : [path.resolve(cwd, pattern)];
    let fresh = 0;
    let stale = 0;
    for (const file of matches) {
      const stats = await stat(file).catch(() => undefined);
      if (!stats?.isFile()) {
        continue;
      }
      // Filesystems with coarse timestamps round down; allow them a second.
      if (stats.mtimeMs < startedAtMs - 1000) {
        stale += 1;
        report.warn(`left out ${path.relative(cwd, file) || file}: last modified before the step started, so it is from an earlier run`);
        continue;
      }
      fresh += 1;
      found.add(file);
    }
    if (fresh === 0 && stale === 0) {
      report.warn(`no JUnit report matched \`${pattern}\` in ${cwd}`);
    }
  }
  return [...found];
}

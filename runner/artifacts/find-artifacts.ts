// Expands a step's artifact globs once it ended. Never throws: a glob that matches nothing or a
// directory that cannot be read is a warning on the step, never a failure of the build.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { StepArtifact } from '../../wire/types.ts';

export interface ArtifactFields {
  artifacts: StepArtifact[];
  artifact_warnings?: string[];
}

/** The files the globs match under `cwd` (each once, sorted by name), and what went wrong. */
export async function findArtifacts(patterns: readonly string[], cwd: string): Promise<ArtifactFields> {
  const sizes = new Map<string, number>();
  const warnings: string[] = [];
  for (const pattern of patterns) {
    let names: string[];
    try {
      // A directory named alone stands for everything under it.
      names = await glob(pattern, { cwd, onlyFiles: true, expandDirectories: true });
    } catch (error) {
      warnings.push(`could not look for artifacts matching \`${pattern}\`: ${(error as Error).message}`);
      continue;
    }
    if (names.length === 0) {
      warnings.push(`no file matches the artifacts glob \`${pattern}\``);
    }
    for (const name of names) {
      const size = await readSize(path.resolve(cwd, name));
      if (size === undefined) {
        warnings.push(`could not read the artifact ${name}`);
      } else {
        sizes.set(name.split(path.sep).join('/'), size);
      }
    }
  }
  const artifacts = [...sizes].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)).map(([name, size]) => ({ name, size }));
  return {
    artifacts,
    ...(warnings.length > 0 && { artifact_warnings: warnings }),
  };
}

async function readSize(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

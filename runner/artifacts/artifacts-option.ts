// How a step names its artifacts (globs relative to its directory), and the check that runs
// with the other recipe checks, before anything starts.
import { describeValue } from '../../wire/describe-value.ts';

/** One glob or several, relative to the step's directory: `'*.tgz'`, `['dist/**', 'coverage/lcov.info']`. */
export type ArtifactsOption = string | string[];

/** The globs of the option, as a list. */
export function listArtifactPatterns(option: ArtifactsOption): string[] {
  return Array.isArray(option) ? option : [option];
}

export function findArtifactsProblems(option: unknown, label: string): string[] {
  const list = Array.isArray(option) ? option : [option];
  if (list.length === 0 || list.some((pattern) => typeof pattern !== 'string' || pattern.trim() === '')) {
    return [`${label}: expected \`artifacts\` to be a glob or a non-empty array of globs, got ${describeValue(option)}`];
  }
  return [];
}

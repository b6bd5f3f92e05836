// How a step names where its test report comes from, and the checks that run
// with the other recipe checks, before anything starts.
import { describeValue } from '../../wire/describe-value.ts';

export type TestReportOption =
  /** JUnit XML files written by the command: glob(s) relative to the step's directory. */
  | { junit: string | string[] }
  /** TAP on the step's stdout, read as it arrives. */
  | { tap: true }
  /** node:test through pony-build's reporter, writing to `$PONY_BUILD_NODE_TEST_EVENTS`. */
  | { nodeTest: true };

const shapes = '`{ junit: "glob" }`, `{ tap: true }` or `{ nodeTest: true }`';

export function findTestReportProblems(option: unknown, label: string): string[] {
  if (typeof option !== 'object' || option === null || Array.isArray(option)) {
    return [`${label}: expected \`testReport\` to be ${shapes}, got ${describeValue(option)}`];
  }
  const keys = Object.keys(option);
  const record = option as Record<string, unknown>;
  if (keys.length !== 1 || !['junit', 'tap', 'nodeTest'].includes(keys[0])) {
    return [`${label}: expected \`testReport\` to be ${shapes}, got one with ${keys.length === 0 ? 'no keys' : keys.map((key) => `\`${key}\``).join(', ')}`];
  }
  if (keys[0] === 'junit') {
    const patterns = record.junit;
    const list = Array.isArray(patterns) ? patterns : [patterns];
    if (list.length === 0 || list.some((pattern) => typeof pattern !== 'string' || pattern.trim() === '')) {
      return [`${label}: expected \`testReport.junit\` to be a glob or a non-empty array of globs, got ${describeValue(patterns)}`];
    }
    return [];
  }
  if (record[keys[0]] !== true) {
    return [`${label}: expected \`testReport.${keys[0]}\` to be \`true\`, got ${describeValue(record[keys[0]])}`];
  }
  return [];
}

// The terminal lines for a step's test report: the counts, each failed test by
// name with the first line of its message (the first few only: a broken build
// can fail thousands), and what was wrong with the report itself.
import type { StepResult, TestCase, TestCounts } from '../../wire/types.ts';
import type { Palette } from './colors.ts';

export const maxListedFailures = 20;

export function listFailedCases(result: StepResult): TestCase[] {
  return (result.test_cases ?? []).filter((testCase) => testCase.status === 'failed' || testCase.status === 'error');
}

export function formatFailedCase(testCase: TestCase, palette: Palette): string {
  const title = testCase.suite ? `${testCase.suite} › ${testCase.name}` : testCase.name;
  const message = testCase.message?.split('\n').find((line) => line.trim() !== '')?.trim();
  return `  ${palette.red('✗')} ${title}${message ? `: ${message}` : ''}`;
}

export function formatCounts(counts: TestCounts): string {
  const parts = (['passed', 'failed', 'error', 'skipped', 'todo'] as const)
    .filter((key) => counts[key] > 0)
    .map((key) => `${counts[key]} ${key === 'error' ? (counts[key] === 1 ? 'error' : 'errors') : key}`);
  return `${counts.total} ${counts.total === 1 ? 'test' : 'tests'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

export function formatStepTestReport(result: StepResult, palette: Palette): string[] {
  if (result.test_counts === undefined) {
    return [];
  }
  const failed = listFailedCases(result);
  const lines = [palette.dim(`  ${formatCounts(result.test_counts)}`)];
  lines.push(...failed.slice(0, maxListedFailures).map((testCase) => formatFailedCase(testCase, palette)));
  if (failed.length > maxListedFailures) {
    lines.push(`  ... and ${failed.length - maxListedFailures} more`);
  }
  if (result.test_report_mismatch) {
    lines.push(palette.yellow(`  test report: ${result.test_report_mismatch}`));
  }
  for (const warning of result.test_report_warnings ?? []) {
    lines.push(palette.yellow(`  test report warning: ${warning}`));
  }
  return lines;
}

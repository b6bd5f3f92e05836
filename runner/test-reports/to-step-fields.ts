// The keys a test report adds to its step's struct (docs/PROTOCOL.md, "results_list" and "Test cases").
import type { StepResult } from '../../wire/types.ts';
import { describeMismatch, type StepEnding } from './describe-mismatch.ts';
import type { TestReport } from './test-report.ts';

export type TestReportFields = Pick<StepResult, 'test_cases' | 'test_counts' | 'test_report_warnings' | 'test_report_mismatch'>;

export function toStepFields(report: TestReport, ending: StepEnding): TestReportFields {
  const fields: TestReportFields = { test_cases: report.cases, test_counts: report.counts };
  if (report.warnings.length > 0) {
    fields.test_report_warnings = report.warnings;
  }
  const mismatch = describeMismatch(ending, report.counts);
  if (mismatch !== undefined) {
    fields.test_report_mismatch = mismatch;
  }
  return fields;
}

// Turns test result files from any CI into a pony-build result: one test step
// per file, and a build that succeeded when no test failed.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { getHostName, getPlatformName } from '../host-info.ts';
import type { ClientInfo, StepResult } from '../../wire/types.ts';
import { countFailures } from './count-test-cases.ts';
import type { TestReport } from './test-report.ts';

export interface ReportedFile {
  file: string;
  report: TestReport;
}

export interface TestReportResultOptions {
  package: string;
  host?: string;
  arch?: string;
  tags?: string[];
  /** The step name; with several files each step is `NAME: file`. */
  name?: string;
}

export function buildTestReportResult(files: ReportedFile[], options: TestReportResultOptions): { clientInfo: ClientInfo; results: StepResult[] } {
  const results = files.map(({ file, report }) => toStep(file, report, files.length === 1 ? options.name : options.name && `${options.name}: ${path.basename(file)}`));
  const clientInfo: ClientInfo = {
    package: options.package,
    host: options.host ?? getHostName(),
    arch: options.arch ?? getPlatformName(),
    success: results.every((step) => step.status === 0),
    tags: options.tags ?? [],
    duration: results.reduce((sum, step) => sum + step.duration, 0),
    // Like every result a client makes: a repeated send of it is then stored once.
    submission_id: randomUUID(),
  };
  return { clientInfo, results };
}

function toStep(file: string, report: TestReport, name: string | undefined): StepResult {
  const step: StepResult = {
    name: name ?? path.basename(file),
    type: 'test',
    // No command ran here: the status says whether the report holds failures.
    status: countFailures(report.counts) > 0 ? 1 : 0,
    output: '',
    errout: '',
    command: `(test report) ${file}`,
    duration: report.cases.reduce((sum, testCase) => sum + testCase.duration, 0),
    test_cases: report.cases,
    test_counts: report.counts,
  };
  if (report.warnings.length > 0) {
    step.test_report_warnings = report.warnings;
  }
  return step;
}

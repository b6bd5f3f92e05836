// The per-step parts of a test report that are not test cases: what the client's parser
// warned about and where the exit status disagreed with the report. Junk is skipped.
import type { WireStruct, WireValue } from '../../wire/types.ts';
import type { TestCaseDetail } from '../store/test-case-types.ts';
import { countTestCases } from '../test-outcomes/count-test-cases.ts';
import { formatStepName } from './format-step-name.ts';
import type { TestStepReport } from './test-types.ts';

/** One report per step that carried test cases, warnings or a mismatch. */
export function readTestSteps(resultsList: readonly WireStruct[], cases: readonly TestCaseDetail[]): TestStepReport[] {
  const reports: TestStepReport[] = [];
  resultsList.forEach((step, stepIndex) => {
    const warnings = readWarnings(step.test_report_warnings);
    const mismatch = typeof step.test_report_mismatch === 'string' && step.test_report_mismatch !== '' ? step.test_report_mismatch : null;
    if (!Array.isArray(step.test_cases) && warnings.length === 0 && mismatch === null) {
      return;
    }
    reports.push({
      stepIndex,
      stepName: formatStepName(step, stepIndex),
      counts: countTestCases(cases.filter((testCase) => testCase.stepIndex === stepIndex)),
      warnings,
      mismatch,
    });
  });
  return reports;
}

function readWarnings(value: WireValue | undefined): string[] {
  if (typeof value === 'string') {
    return value === '' ? [] : [value];
  }
  return Array.isArray(value) ? value.filter((warning): warning is string => typeof warning === 'string' && warning !== '') : [];
}

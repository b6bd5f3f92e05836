// What a parser builds: the cases it read and what was wrong with the report.
// Parsers add cases as they go, so a report cut short keeps everything before the cut.
import type { TestCase, TestCaseStatus, TestCounts } from '../../wire/types.ts';
import { boundText, maxNameCharacters } from './bound-text.ts';
import { createEmptyCounts } from './count-test-cases.ts';

/** A case as a parser sees it, before strings are bounded and empty fields dropped. */
export interface ParsedTestCase {
  name: string;
  suite?: string;
  file?: string;
  status: TestCaseStatus;
  duration?: number;
  message?: string;
  details?: string;
  output?: string;
}

export class TestReport {
  readonly cases: TestCase[] = [];
  readonly counts: TestCounts = createEmptyCounts();
  readonly warnings: string[] = [];

  addCase(parsed: ParsedTestCase): void {
    const testCase: TestCase = {
      name: boundText(parsed.name, maxNameCharacters),
      suite: boundText(parsed.suite ?? '', maxNameCharacters),
      status: parsed.status,
      duration: Number.isFinite(parsed.duration) && parsed.duration! > 0 ? parsed.duration! : 0,
    };
    if (parsed.file) testCase.file = boundText(parsed.file, maxNameCharacters);
    if (parsed.message) testCase.message = boundText(parsed.message);
    if (parsed.details) testCase.details = boundText(parsed.details);
    if (parsed.output) testCase.output = boundText(parsed.output);
    this.cases.push(testCase);
    this.counts.total += 1;
    this.counts[testCase.status] += 1;
  }

  warn(text: string): void {
    this.warnings.push(text);
  }

  /** Adds another report's cases and warnings, e.g. one JUnit file of several. */
  merge(other: TestReport): void {
    for (const testCase of other.cases) {
      this.cases.push(testCase);
      this.counts.total += 1;
      this.counts[testCase.status] += 1;
    }
    this.warnings.push(...other.warnings);
  }
}

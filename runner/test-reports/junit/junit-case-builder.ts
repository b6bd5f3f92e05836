// Turns SAX events of one JUnit XML document into test cases. Understands the
// dialects in use: pytest's, node's `--test-reporter=junit`, CPython regrtest's
// `--junit-xml`, and the Ant/Surefire shape they all derive from.
import type { TestCaseStatus } from '../../../wire/types.ts';
import { BoundedText } from '../bound-text.ts';
import type { ParsedTestCase, TestReport } from '../test-report.ts';

type Attributes = Record<string, string>;

interface OpenCase {
  name: string;
  suite: string;
  file?: string;
  duration: number;
  status: TestCaseStatus;
  message?: string;
  details: BoundedText;
  output: BoundedText;
}

// Elements inside <testcase> whose text the case keeps, and where it goes.
type TextTarget = 'details' | 'output' | 'skip-reason' | undefined;

const statusRank: Record<TestCaseStatus, number> = { passed: 0, todo: 1, skipped: 2, failed: 3, error: 4 };

export class JunitCaseBuilder {
  private readonly suites: string[] = [];
  private openCase: OpenCase | undefined;
  private textTarget: TextTarget;
  private skipReason = '';
  private depthInsideCase = 0;
  casesSeen = 0;

  constructor(private readonly report: TestReport) {}

  get isInsideCase(): boolean {
    return this.openCase !== undefined;
  }

  openElement(name: string, attributes: Attributes): void {
    if (this.openCase) {
      this.depthInsideCase += 1;
      if (this.depthInsideCase === 1) this.openCaseChild(this.openCase, name, attributes);
      return;
    }
    if (name === 'testsuite') {
      this.suites.push(attributes.name ?? '');
    } else if (name === 'testcase') {
      this.openCase = {
        ...splitCaseName(attributes, this.suites),
        ...(attributes.file ? { file: attributes.file } : {}),
        duration: parseSeconds(attributes.time),
        status: 'passed',
        details: new BoundedText(),
        output: new BoundedText(),
      };
      this.depthInsideCase = 0;
    }
  }

  closeElement(name: string): void {
    if (this.openCase) {
      if (this.depthInsideCase === 0) {
        this.finishCase(this.openCase);
        this.openCase = undefined;
        return;
      }
      if (this.depthInsideCase === 1 && this.textTarget === 'skip-reason') {
        this.openCase.message ??= this.skipReason.trim() || undefined;
      }
      if (this.depthInsideCase === 1) this.textTarget = undefined;
      this.depthInsideCase -= 1;
      return;
    }
    if (name === 'testsuite') this.suites.pop();
  }

  addText(text: string): void {
    if (!this.openCase || this.textTarget === undefined) return;
    if (this.textTarget === 'skip-reason') {
      if (this.skipReason.length < 8192) this.skipReason += text;
    } else {
      this.openCase[this.textTarget].add(text);
    }
  }

  private openCaseChild(openCase: OpenCase, name: string, attributes: Attributes): void {
    if (name === 'failure' || name === 'error') {
      raiseStatus(openCase, name === 'failure' ? 'failed' : 'error', attributes.message ?? attributes.type);
      if (!openCase.details.isEmpty) openCase.details.add('\n');
      this.textTarget = 'details';
    } else if (name === 'skipped') {
      // node's reporter marks todo tests as <skipped type="todo">.
      raiseStatus(openCase, attributes.type === 'todo' ? 'todo' : 'skipped', attributes.message);
      this.skipReason = '';
      this.textTarget = 'skip-reason';
    } else if (name === 'system-out' || name === 'system-err') {
      this.textTarget = 'output';
    } else {
      this.textTarget = undefined;
    }
  }

  private finishCase(openCase: OpenCase): void {
    this.casesSeen += 1;
    const parsed: ParsedTestCase = {
      name: openCase.name,
      suite: openCase.suite,
      file: openCase.file,
      status: openCase.status,
      duration: openCase.duration,
      message: openCase.message,
      details: openCase.details.toString().trim(),
      output: openCase.output.toString().trim(),
    };
    this.report.addCase(parsed);
  }
}

function raiseStatus(openCase: OpenCase, status: TestCaseStatus, message: string | undefined): void {
  if (statusRank[status] >= statusRank[openCase.status]) {
    openCase.status = status;
    openCase.message = message?.trim() || openCase.message;
  }
}

/**
 * The suite is the case's classname, except where the classname says nothing:
 * node's reporter writes the constant `test` and nests <testsuite> elements for
 * describe() blocks, and regrtest writes no classname but a dotted
 * `module.Class.method` name.
 */
function splitCaseName(attributes: Attributes, suites: readonly string[]): { name: string; suite: string } {
  const name = attributes.name ?? '';
  const classname = attributes.classname;
  if (classname === 'test' && suites.length > 0) {
    return { name, suite: suites.join(' › ') };
  }
  if (classname === 'test') {
    return { name, suite: '' };
  }
  if (classname !== undefined) {
    return { name, suite: classname };
  }
  const dotted = /^([\w.]+)\.(\w+)$/.exec(name);
  if (dotted) {
    return { name: dotted[2], suite: dotted[1] };
  }
  return { name, suite: suites.filter(Boolean).join(' › ') };
}

// Surefire writes thousands with a comma ("1,234.5").
function parseSeconds(value: string | undefined): number {
  const seconds = Number((value ?? '').replaceAll(',', ''));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}

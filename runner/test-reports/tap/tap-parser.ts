// A streaming TAP 13/14 reader: fed text as it arrives (a step's live stdout or
// a file), it keeps nothing but the cases found and the subtest levels still open.
// Subtests are indented by 4 spaces and closed by their parent's test point; the
// parent is a case of its own only when it failed while none of its subtests did
// (a failing hook), so a failure is never counted twice nor lost.
import type { TestCaseStatus } from '../../../wire/types.ts';
import { maxTextCharacters } from '../bound-text.ts';
import { TestReport, type ParsedTestCase } from '../test-report.ts';
import { parseTapLine, type TapLine } from './parse-tap-line.ts';
import { readYamlBlock } from './read-yaml-block.ts';

const maxLineCharacters = 1024 * 1024;
const maxYamlCharacters = 4 * maxTextCharacters;

interface PendingCase extends ParsedTestCase {
  suiteParts: string[];
}

interface Level {
  subtestName?: string;
  pending: PendingCase[];
  points: number;
  failedPoints: number;
  plan?: number;
}

interface OpenPoint {
  level: number;
  indent: number;
  line: Extract<TapLine, { kind: 'test-point' }>;
  children: Level | undefined;
  yaml?: { lines: string[]; characters: number; cut: boolean };
}

export class TapParser {
  private readonly report = new TestReport();
  private readonly levels: Level[] = [createLevel()];
  private open: OpenPoint | undefined;
  private inYaml = false;
  private partialLine = '';
  private skippingLongLine = false;
  private bailedOut = false;

  constructor(private readonly label: string) {}

  write(text: string): void {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (this.skippingLongLine) {
        this.skippingLongLine = false;
        continue;
      }
      const line = this.partialLine + piece;
      this.partialLine = '';
      this.readLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (start < text.length && !this.skippingLongLine) {
      this.partialLine += text.slice(start);
      // A line this long is not TAP; dropping it keeps memory flat.
      if (this.partialLine.length > maxLineCharacters) {
        this.partialLine = '';
        this.skippingLongLine = true;
      }
    }
  }

  end(): TestReport {
    if (this.partialLine !== '') {
      this.readLine(this.partialLine);
      this.partialLine = '';
    }
    if (this.inYaml && this.open) {
      this.report.warn(`${this.label}: the TAP stream ended inside the YAML block of \`${describePoint(this.open.line)}\``);
    }
    this.closeOpenPoint();
    this.closeUnfinishedSubtests();
    this.checkPlan();
    return this.report;
  }

  private readLine(text: string): void {
    if (this.bailedOut) {
      return;
    }
    if (this.inYaml && this.open) {
      this.readYamlLine(this.open, text);
      return;
    }
    const line = parseTapLine(text);
    if (line.kind === 'yaml-start' && this.open && line.indent > this.open.indent) {
      this.inYaml = true;
      this.open.yaml = { lines: [], characters: 0, cut: false };
      return;
    }
    if (line.kind === 'other') {
      return;
    }
    this.closeOpenPoint();
    const level = Math.floor(line.indent / 4);
    if (line.kind === 'test-point') {
      this.openPoint(level, line);
    } else if (line.kind === 'plan') {
      this.getLevel(level).plan = line.count;
    } else if (line.kind === 'subtest') {
      this.levels.length = level + 1;
      this.levels[level + 1] = { ...createLevel(), subtestName: line.name };
    } else if (line.kind === 'bail-out') {
      this.bailedOut = true;
      this.report.warn(`${this.label}: the test run bailed out${line.reason ? `: ${line.reason}` : ''}`);
    }
  }

  private readYamlLine(open: OpenPoint, text: string): void {
    const yaml = open.yaml!;
    if (text.trim() === '...' && measureIndent(text) > open.indent) {
      this.inYaml = false;
      this.closeOpenPoint();
      return;
    }
    if (yaml.characters + text.length > maxYamlCharacters) {
      yaml.cut = true;
      return;
    }
    yaml.characters += text.length + 1;
    yaml.lines.push(text);
  }

  private openPoint(level: number, line: Extract<TapLine, { kind: 'test-point' }>): void {
    // The levels below this one are its subtests, now finished.
    const children = this.levels[level + 1];
    this.levels.length = level + 1;
    this.getLevel(level);
    this.open = { level, indent: line.indent, line, children };
  }

  private closeOpenPoint(): void {
    const open = this.open;
    if (!open) {
      return;
    }
    this.open = undefined;
    this.inYaml = false;
    const { line, children } = open;
    const level = this.getLevel(open.level);
    const status = getStatus(line);
    const name = line.description || `test ${line.number ?? level.points + 1}`;
    level.points += 1;
    if (status === 'failed') {
      level.failedPoints += 1;
    }
    const ownCase = toPendingCase(name, status, line, open.yaml);
    const cases = children?.pending ?? [];
    for (const child of cases) {
      child.suiteParts.unshift(name);
    }
    const hasChildren = (children?.points ?? 0) > 0;
    if (!hasChildren || (status === 'failed' && children!.failedPoints === 0)) {
      cases.push(ownCase);
    }
    if (open.level === 0) {
      cases.forEach((pending) => this.addCase(pending));
    } else {
      level.pending.push(...cases);
    }
  }

  private closeUnfinishedSubtests(): void {
    for (let depth = this.levels.length - 1; depth > 0; depth -= 1) {
      const level = this.levels[depth];
      if (level.pending.length === 0 && level.points === 0) {
        continue;
      }
      this.report.warn(`${this.label}: the TAP stream ended inside subtest \`${level.subtestName ?? `at depth ${depth}`}\`, before its parent's result`);
      const parent = this.getLevel(depth - 1);
      for (const pending of level.pending) {
        if (level.subtestName) pending.suiteParts.unshift(level.subtestName);
        if (depth === 1) this.addCase(pending);
        else parent.pending.push(pending);
      }
    }
    this.levels.length = 1;
  }

  private checkPlan(): void {
    const top = this.levels[0];
    if (top.plan === undefined && top.points === 0) {
      // A stream cut inside its first subtest was already warned about.
      if (!this.bailedOut && this.report.cases.length === 0) this.report.warn(`${this.label}: no TAP test points found`);
    } else if (top.plan === undefined) {
      this.report.warn(`${this.label}: the TAP stream has no plan (\`1..N\`); it may have been cut short after ${top.points} test points`);
    } else if (top.plan !== top.points) {
      this.report.warn(`${this.label}: the TAP plan said \`1..${top.plan}\` but ${top.points} test points were reported`);
    }
  }

  private addCase(pending: PendingCase): void {
    const { suiteParts, ...parsed } = pending;
    this.report.addCase({ ...parsed, suite: suiteParts.join(' › ') });
  }

  private getLevel(depth: number): Level {
    for (let index = this.levels.length; index <= depth; index += 1) {
      this.levels[index] = createLevel();
    }
    return this.levels[depth];
  }
}

function createLevel(): Level {
  return { pending: [], points: 0, failedPoints: 0 };
}

function getStatus(line: Extract<TapLine, { kind: 'test-point' }>): TestCaseStatus {
  if (line.directive === 'todo') return 'todo';
  if (line.directive === 'skip') return 'skipped';
  return line.ok ? 'passed' : 'failed';
}

function toPendingCase(name: string, status: TestCaseStatus, line: Extract<TapLine, { kind: 'test-point' }>, yaml: OpenPoint['yaml']): PendingCase {
  const fields = yaml ? readYamlBlock(yaml.lines) : {};
  const pending: PendingCase = { name, status, suiteParts: [] };
  const durationMs = Number(fields.duration_ms);
  if (Number.isFinite(durationMs)) {
    pending.duration = durationMs / 1000;
  }
  const location = fields.location ?? fields.at;
  const file = location === undefined ? undefined : /^(?:file:\/\/)?(\/[^:]*|[^:]+\.\w+)(?::\d+)*$/.exec(location)?.[1];
  if (file && fields.location !== undefined) {
    pending.file = file;
  }
  pending.message = line.reason || fields.message || fields.error || undefined;
  if (yaml && !line.ok && yaml.lines.length > 0) {
    pending.details = dedentBlock(yaml.lines) + (yaml.cut ? '\n[... diagnostics cut by pony-build ...]' : '');
  }
  return pending;
}

function dedentBlock(lines: string[]): string {
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map(measureIndent));
  return lines.map((line) => line.slice(Math.min(indent, measureIndent(line)))).join('\n').trimEnd();
}

function describePoint(line: Extract<TapLine, { kind: 'test-point' }>): string {
  return `${line.ok ? 'ok' : 'not ok'}${line.number === undefined ? '' : ` ${line.number}`}${line.description ? ` - ${line.description}` : ''}`;
}

function measureIndent(line: string): number {
  return line.length - line.trimStart().length;
}

// Reads the JSON lines written by node-test-reporter.mjs. A line that is not
// a test case (a truncated last line, someone else's output) is named in a
// warning; the cases around it are kept.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TestCaseStatus } from '../../../wire/types.ts';
import { TestReport } from '../test-report.ts';

const statuses = new Set<TestCaseStatus>(['passed', 'failed', 'error', 'skipped', 'todo']);

export async function parseNodeTestEventsFile(file: string, label = file): Promise<TestReport> {
  const report = new TestReport();
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  let badLines = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if (parsed === undefined) {
      badLines += 1;
      if (badLines === 1) report.warn(`${label}: line ${lineNumber} is not a node:test case written by pony-build's reporter: ${JSON.stringify(line.slice(0, 120))}`);
      continue;
    }
    report.addCase(parsed);
  }
  if (badLines > 1) {
    report.warn(`${label}: ${badLines} lines in all were not test cases`);
  }
  if (lineNumber === 0) {
    report.warn(`${label}: the node:test reporter wrote no test cases`);
  }
  return report;
}

function parseLine(line: string) {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.name !== 'string' || !statuses.has(record.status as TestCaseStatus)) return undefined;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  return {
    name: record.name,
    suite: text('suite'),
    file: text('file'),
    status: record.status as TestCaseStatus,
    duration: typeof record.duration === 'number' ? record.duration : 0,
    message: text('message'),
    details: text('details'),
    output: text('output'),
  };
}

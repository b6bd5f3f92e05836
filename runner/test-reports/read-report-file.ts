// Reads a result file written by any CI (JUnit XML, TAP, node:test events),
// telling the format from the extension, or else from the first characters.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseJunitFile } from './junit/parse-junit.ts';
import { parseNodeTestEventsFile } from './node-test/read-node-test-events.ts';
import { parseTapFile } from './tap/parse-tap.ts';
import type { TestReport } from './test-report.ts';

export type ReportFormat = 'junit' | 'tap' | 'node-test';

export const reportFormats: readonly ReportFormat[] = ['junit', 'tap', 'node-test'];

export class TestReportFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'TestReportFileError';
  }
}

const formatsByExtension: Record<string, ReportFormat> = { '.xml': 'junit', '.tap': 'tap', '.jsonl': 'node-test', '.ndjson': 'node-test' };

export async function detectReportFormat(file: string): Promise<ReportFormat> {
  const byExtension = formatsByExtension[path.extname(file).toLowerCase()];
  if (byExtension) {
    return byExtension;
  }
  const start = (await readStart(file)).trimStart();
  if (start.startsWith('<')) return 'junit';
  if (start.startsWith('{')) return 'node-test';
  if (/^(TAP version|ok\b|not ok\b|1\.\.\d|# Subtest)/.test(start)) return 'tap';
  throw new TestReportFileError(file, 'cannot tell whether this is JUnit XML, TAP or node:test events; pass --format junit|tap|node-test');
}

export async function readTestReportFile(file: string, format?: ReportFormat): Promise<TestReport> {
  const stats = await stat(file).catch((error: Error) => {
    throw new TestReportFileError(file, `cannot be read: ${error.message}`);
  });
  if (!stats.isFile()) {
    throw new TestReportFileError(file, 'is not a file');
  }
  const chosen = format ?? (await detectReportFormat(file));
  const label = path.basename(file);
  if (chosen === 'junit') return parseJunitFile(file, label);
  if (chosen === 'tap') return parseTapFile(file, label);
  return parseNodeTestEventsFile(file, label);
}

async function readStart(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new TestReportFileError(file, `cannot be read: ${(error as Error).message}`);
  }
  try {
    const buffer = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

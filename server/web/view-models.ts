// Turns coordinator data into plain values the templates print, so templates hold no logic
// beyond loops and conditions. Every string here is printed escaped by the templates.
import type { WireStruct, WireValue } from '../../runner/types.ts';
import { readSuccess, readTags } from '../coordinator/read-client-info.ts';
import { getVisibleTags } from '../coordinator/tagset.ts';
import type { PackageSummary, ResultTests, StoredTriple, UploadRecord } from '../coordinator/types.ts';
import type { TestStatus } from '../test-report/types.ts';
import { formatBytes } from '../http/format-bytes.ts';
import {
  formatAbsoluteTime,
  formatCommand,
  formatDuration,
  formatIsoTime,
  formatOutput,
  formatRelativeTime,
  formatValue,
} from './format.ts';
import { toTestSummaryView, toTestTableViews } from './test-view-models.ts';

// Shown in the step's heading or its streams rather than among its other fields.
const STEP_HEADING_KEYS = new Set([
  'name', 'type', 'status', 'duration', 'command', 'output', 'errout',
  'test_cases', 'test_counts', 'test_report_warnings', 'test_report_mismatch',
]);

export interface ResultPageTests {
  tests: ResultTests;
  /** Show only test cases with this status. */
  filter: TestStatus | undefined;
}

interface Status {
  statusLabel: string;
  statusClass: 'pass' | 'fail' | 'unknown';
}

interface TimeView {
  relative: string;
  absolute: string;
  iso: string;
}

export function toIndexPage(packages: PackageSummary[], now: number) {
  return {
    title: 'Builds',
    packages: packages.map((summary) => ({
      name: summary.package,
      rows: summary.tagsets.map((tagset) => ({
        url: `/results/${tagset.latest.resultKey}`,
        ...describeSuccess(tagset.latest.success),
        host: tagset.latest.host,
        arch: tagset.latest.arch,
        tags: tagset.visibleTags,
        time: describeTime(tagset.latest.time, now),
        duration: formatDuration(tagset.latest.duration ?? undefined),
        resultCount: tagset.resultCount,
      })),
    })),
  };
}

export function toResultPage(
  resultKey: number,
  [receipt, clientInfo, resultsList]: StoredTriple,
  uploads: UploadRecord[],
  now: number,
  { tests, filter }: ResultPageTests,
) {
  const packageName = formatValue(clientInfo.package);
  const testTables = toTestTableViews(tests, filter);
  return {
    title: `${packageName} #${resultKey}`,
    resultKey,
    packageName,
    ...describeSuccess(readSuccess(clientInfo)),
    host: formatValue(clientInfo.host ?? ''),
    arch: formatValue(clientInfo.arch ?? ''),
    tags: readDisplayTags(clientInfo.tags),
    time: describeTime(receipt.time, now),
    clientIp: receipt.client_ip,
    fields: Object.keys(clientInfo).map((key) => ({ key, value: formatValue(clientInfo[key]) })),
    testSummary: toTestSummaryView(tests),
    steps: resultsList.map((step, index) => ({ ...toStepView(step, index), tests: testTables.get(index) })),
    uploads: uploads.map((upload) => ({
      filename: upload.filename,
      description: upload.description,
      size: formatBytes(upload.size),
      url: `/results/${resultKey}/files/${upload.id}/${encodeURIComponent(upload.filename)}`,
    })),
  };
}

export function toErrorPage(status: number, message: string) {
  return { title: status === 404 ? 'Not found' : `Error ${status}`, status, message };
}

function toStepView(step: WireStruct, index: number) {
  const status = step.status;
  const failed = typeof status === 'number' && status !== 0;
  const allowedToFail = failed && step.allowed_to_fail === true;
  return {
    number: index + 1,
    name: step.name === undefined ? `step ${index + 1}` : formatValue(step.name),
    type: step.type === undefined ? '' : formatValue(step.type),
    exitStatus: status === undefined ? '' : formatValue(status),
    statusLabel: typeof status !== 'number' ? 'unknown' : failed ? (allowedToFail ? 'failed (allowed)' : 'failed') : 'ok',
    statusClass: typeof status !== 'number' ? 'unknown' : failed ? 'fail' : 'pass',
    duration: formatDuration(step.duration),
    command: formatCommand(step.command),
    failed,
    streams: (['output', 'errout'] as const).map((stream) => ({ label: stream, ...formatOutput(step[stream]) })),
    extras: Object.keys(step)
      .filter((key) => !STEP_HEADING_KEYS.has(key))
      .map((key) => ({ key, value: formatValue(step[key]) })),
  };
}

function describeSuccess(success: boolean | null): Status {
  if (success === null) {
    return { statusLabel: 'unknown', statusClass: 'unknown' };
  }
  return success ? { statusLabel: 'pass', statusClass: 'pass' } : { statusLabel: 'fail', statusClass: 'fail' };
}

function describeTime(time: number, now: number): TimeView {
  return { relative: formatRelativeTime(time, now), absolute: formatAbsoluteTime(time), iso: formatIsoTime(time) };
}

// A stored result was accepted with valid tags, but the page must not fail on any bag.
function readDisplayTags(tags: WireValue | undefined): string[] {
  try {
    return getVisibleTags(readTags(tags, 'tags'));
  } catch {
    return [];
  }
}

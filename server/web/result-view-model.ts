// The result page as plain values the templates print, so templates hold no logic beyond
// loops and conditions. Every string here is printed escaped by the templates.
import { readWireNumber } from '../../wire/read-wire-number.ts';
import type { WireStruct } from '../../wire/types.ts';
import { formatBytes } from '../http/format-bytes.ts';
import type { ResultPage } from '../queries/page-types.ts';
import type { TestStatus } from '../store/test-case-types.ts';
import { formatCommand, formatDuration, formatOutput, formatValue } from './format.ts';
import { makeStepOutputUrl } from './page-links.ts';
import { toResultNavigation } from './result-navigation.ts';
import { splitLongOutput } from './split-long-output.ts';
import { toTestSummaryView, toTestTableViews } from './test-view-models.ts';
import { describeSuccessFlag, describeTimeView } from './view-parts.ts';

// Shown in the step's heading or its streams rather than among its other fields.
const STEP_HEADING_KEYS = new Set([
  'name', 'type', 'status', 'duration', 'command', 'output', 'errout',
  'test_cases', 'test_counts', 'test_report_warnings', 'test_report_mismatch',
]);

export interface ResultPageRequest {
  /** Show only test cases with this status. */
  filter: TestStatus | undefined;
  /** The page was reached right after a build request was accepted. */
  buildRequested: boolean;
}

export function toResultPage({ result, tests, neighbours, uploads }: ResultPage, now: number, { filter, buildRequested }: ResultPageRequest) {
  const { resultKey, clientInfo } = result;
  const packageName = formatValue(result.package);
  const testTables = toTestTableViews(tests, filter);
  return {
    title: `${packageName} #${resultKey}`,
    resultKey,
    packageName,
    ...describeSuccessFlag(result.success),
    host: formatValue(result.host),
    arch: formatValue(result.arch),
    tags: result.visibleTags,
    time: describeTimeView(result.time, now),
    clientIp: result.clientIp,
    fields: Object.keys(clientInfo).map((key) => ({ key, value: formatValue(clientInfo[key]) })),
    testSummary: toTestSummaryView(tests),
    steps: result.resultsList.map((step, index) => ({ ...toStepView(step, index, resultKey), tests: testTables.get(index) })),
    // Links use the stored name itself; the shown name has control characters replaced.
    navigation: toResultNavigation(resultKey, result.package, { neighbours, tagset: result.tagset, buildRequested }),
    uploads: uploads.map((upload) => ({
      filename: upload.filename,
      description: upload.description,
      size: formatBytes(upload.size),
      url: `/results/${resultKey}/files/${upload.id}/${encodeURIComponent(upload.filename)}`,
    })),
  };
}

function toStepView(step: WireStruct, index: number, resultKey: number) {
  const status = readWireNumber(step.status);
  const failed = status !== undefined && status !== 0;
  const allowedToFail = failed && step.allowed_to_fail === true;
  return {
    number: index + 1,
    name: step.name === undefined ? `step ${index + 1}` : formatValue(step.name),
    type: step.type === undefined ? '' : formatValue(step.type),
    exitStatus: step.status === undefined ? '' : formatValue(step.status),
    statusLabel: status === undefined ? 'unknown' : failed ? (allowedToFail ? 'failed (allowed)' : 'failed') : 'ok',
    statusClass: status === undefined ? 'unknown' : failed ? 'fail' : 'pass',
    duration: formatDuration(step.duration),
    command: formatCommand(step.command),
    failed,
    streams: (['output', 'errout'] as const).map((stream) => toStreamView(step, stream, index, resultKey)),
    extras: Object.keys(step)
      .filter((key) => !STEP_HEADING_KEYS.has(key))
      .map((key) => ({ key, value: formatValue(step[key]) })),
  };
}

function toStreamView(step: WireStruct, stream: 'output' | 'errout', index: number, resultKey: number) {
  const { text, note } = formatOutput(step[stream]);
  const parts = splitLongOutput(text);
  return {
    label: stream,
    text,
    note,
    head: parts.head,
    tail: parts.tail,
    hiddenText: parts.tail === '' ? '' : `${parts.hiddenLines} lines (${parts.hiddenCharacters} characters) not shown`,
    fullUrl: makeStepOutputUrl(resultKey, index, stream),
  };
}

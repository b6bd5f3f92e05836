// The result page as plain values the templates print, so templates hold no logic beyond
// loops and conditions. Every string here is printed escaped by the templates; log lines are
// HTML that ansi-html.ts escaped.
import type { WireStruct } from '../../wire/types.ts';
import type { CommitLink } from '../config/types.ts';
import { formatBytes } from '../http/format-bytes.ts';
import type { ResultPage } from '../queries/page-types.ts';
import type { TestStatus } from '../store/test-case-types.ts';
import { findCommitUrl } from './commit-url.ts';
import { toFailureSummary } from './failure-summary.ts';
import { formatValue } from './format.ts';
import { makeWholeLogUrl } from './page-links.ts';
import { toLiveView } from './live-view-model.ts';
import { toReadableFields } from './readable-value.ts';
import { toResultNavigation } from './result-navigation.ts';
import { toStepView } from './step-view-model.ts';
import { toTestSummaryView, toTestTableViews } from './test-view-models.ts';
import { describeSuccessFlag, describeTimeView } from './view-parts.ts';

export interface ResultPageRequest {
  /** Show only test cases with this status. */
  filter: TestStatus | undefined;
  /** The page was reached right after a build request was accepted. */
  buildRequested: boolean;
}

export interface ResultPageSettings {
  now: number;
  /** From the server's configuration: where each repository's commits are shown. */
  commitLinks: readonly CommitLink[];
}

export function toResultPage(
  { result, state, runningStep, tests, neighbours, uploads }: ResultPage,
  { now, commitLinks }: ResultPageSettings,
  { filter, buildRequested }: ResultPageRequest,
) {
  const { resultKey, clientInfo } = result;
  const packageName = formatValue(result.package);
  const testTables = toTestTableViews(tests, filter);
  const steps = result.resultsList.map((step, index) => toStepView(step, index, resultKey, commitLinks));
  const live = toLiveView({ result, state, runningStep });
  return {
    title: `${packageName} #${resultKey}`,
    resultKey,
    packageName,
    ...describeSuccessFlag(result.success),
    ...(live && { statusLabel: live.statusLabel, statusClass: live.statusClass }),
    live,
    host: formatValue(result.host),
    arch: formatValue(result.arch),
    tags: result.visibleTags,
    time: describeTimeView(result.time, now),
    revision: toRevisionView(clientInfo, commitLinks),
    clientIp: result.clientIp,
    fields: toReadableFields(clientInfo, commitLinks),
    summary: toFailureSummary(steps, testTables, resultKey),
    testSummary: toTestSummaryView(tests),
    steps: steps.map((step) => ({ ...step, tests: testTables.get(step.number - 1) })),
    // The whole log is read from the stored result, which a running build does not have yet.
    wholeLogUrl: live?.running ? undefined : makeWholeLogUrl(resultKey),
    // Links use the stored name itself; the shown name has control characters replaced.
    navigation: toResultNavigation(resultKey, result.package, { neighbours, tagset: result.tagset, buildRequested, running: state === 'running' }),
    removal: { action: `/results/${resultKey}/remove` },
    uploads: uploads.map((upload) => ({
      filename: upload.filename,
      description: upload.description,
      size: formatBytes(upload.size),
      // Only an admin's page lists a file uploaded with visible=no.
      hidden: !upload.visible,
      // An evicted file is still named, so the page says what was there, but has nothing to link.
      url: upload.evictedAt === null ? `/results/${resultKey}/files/${upload.id}/${encodeURIComponent(upload.filename)}` : undefined,
    })),
  };
}

/** "git main @ 1a2b3c4d5e6f", linked to the commit when the configuration knows where it is. */
function toRevisionView(clientInfo: WireStruct, commitLinks: readonly CommitLink[]) {
  const { vcs, ref, revision, repository } = clientInfo;
  if (typeof revision !== 'string' || revision === '') {
    return undefined;
  }
  const shown = /^[0-9a-f]{13,}$/.test(revision) ? revision.slice(0, 12) : revision;
  const text = [vcs, ref].filter((part) => typeof part === 'string' && part !== '').map((part) => formatValue(part)).join(' ');
  return {
    text: formatValue(text === '' ? shown : `${text} @ ${shown}`),
    url: typeof repository === 'string' ? findCommitUrl(commitLinks, repository, revision) : undefined,
  };
}

// The package page: each tagset's latest result with its streak and last outcomes, then all
// of the package's results, filtered and paged on the server.
import type { RunningBuild } from '../queries/live-results.ts';
import type { PackageResultsPage, TagsetHistory } from '../queries/page-types.ts';
import type { ResultOutcome, Streak } from '../rules/summarize-outcomes.ts';
import { formatDuration } from './format.ts';
import {
  makeBadgeUrl,
  makeBuildRequestUrl,
  makeLatestUrl,
  makePackageResultsUrl,
  makePackageUrl,
  type PackageResultsFilter,
} from './page-links.ts';
import { toRunningBuildsView } from './running-build-view-model.ts';
import { describeOutcome, describeSuccessFlag, describeTimeView } from './view-parts.ts';

const STREAK_WORDS: Record<ResultOutcome, string> = { passed: 'passing', failed: 'failing', unknown: 'unknown' };

export function toPackagePage(
  packageName: string,
  histories: TagsetHistory[],
  page: PackageResultsPage,
  filter: PackageResultsFilter,
  before: number | undefined,
  now: number,
  runningBuilds: readonly RunningBuild[] = [],
) {
  const running = toRunningBuildsView(runningBuilds.filter((build) => build.package === packageName), now);
  const filtered = filter.tags.length > 0 || filter.host !== undefined || filter.arch !== undefined || filter.outcome !== undefined;
  return {
    title: packageName,
    packageName,
    badgeUrl: makeBadgeUrl(packageName),
    runningBuilds: running.list,
    tagsets: histories.map((history) => ({
      url: `/results/${history.latest.resultKey}`,
      latestUrl: makeLatestUrl(packageName, history.tagset),
      badgeUrl: makeBadgeUrl(packageName, history.tagset),
      buildRequest: { action: makeBuildRequestUrl(packageName), tags: history.tagset },
      ...describeSuccessFlag(history.latest.success),
      running: running.find(packageName, history.tagset),
      host: history.latest.host,
      arch: history.latest.arch,
      tags: history.visibleTags,
      time: describeTimeView(history.latest.time, now),
      streak: describeStreak(history.streak),
      passedText: `${history.passedCount} of the last ${history.recent.length} passed`,
      // Left to right, oldest to newest, like a timeline.
      strip: [...history.recent].reverse().map((point) => ({
        url: `/results/${point.resultKey}`,
        statusClass: describeOutcome(point.outcome).statusClass,
        label: `#${point.resultKey} ${describeOutcome(point.outcome).statusLabel} · ${describeTimeView(point.time, now).absolute}`,
      })),
    })),
    filter: {
      tags: filter.tags,
      host: filter.host ?? '',
      arch: filter.arch ?? '',
      outcome: filter.outcome ?? '',
      active: filtered,
      clearUrl: makePackageResultsUrl(packageName, { tags: [] }),
      hosts: distinct(histories.map((history) => history.latest.host)),
      arches: distinct(histories.map((history) => history.latest.arch)),
    },
    results: page.results.map((result) => ({
      url: `/results/${result.resultKey}`,
      resultKey: result.resultKey,
      ...describeSuccessFlag(result.success),
      host: result.host,
      arch: result.arch,
      tags: result.visibleTags,
      time: describeTimeView(result.time, now),
      duration: formatDuration(result.duration ?? undefined),
    })),
    olderUrl: page.nextBefore === null ? undefined : makePackageResultsUrl(packageName, filter, page.nextBefore),
    newestUrl: before === undefined ? undefined : makePackageResultsUrl(packageName, filter),
    packageUrl: makePackageUrl(packageName),
  };
}

/** "failing since result #12, 3 results"; "at least" when the streak goes back further than was read. */
export function describeStreak(streak: Streak): string {
  const count = `${streak.complete ? '' : 'at least '}${streak.length} result${streak.length === 1 ? '' : 's'}`;
  return `${STREAK_WORDS[streak.outcome]} since result #${streak.sinceResultKey}, ${count}`;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)].sort();
}

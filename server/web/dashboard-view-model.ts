// The dashboard: one row per package and tagset, failures first unless another column is
// chosen. Sorting happens here, on the server, so the page needs no script.
import type { RunningBuild } from '../queries/live-results.ts';
import type { Dashboard, DashboardTagset } from '../queries/page-types.ts';
import { toOutcome } from '../rules/summarize-outcomes.ts';
import { formatDuration } from './format.ts';
import type { ExpectedBuilderView } from './expected-builder-view-model.ts';
import { makeTagsetKey } from '../../wire/tagset.ts';
import { makeLatestUrl, makePackageUrl, readSyntheticTag } from './page-links.ts';
import { toRunningBuildsView } from './running-build-view-model.ts';
import { describeSuccessFlag, describeTimeView } from './view-parts.ts';

export const DASHBOARD_SORTS = ['status', 'package', 'age', 'host'] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];

const OUTCOME_RANK = { failed: 0, unknown: 1, passed: 2 } as const;

type Compare = (left: DashboardTagset, right: DashboardTagset) => number;

const byPackage: Compare = (left, right) =>
  compareText(left.latest.package, right.latest.package) || compareText(left.visibleTags.join(' '), right.visibleTags.join(' '))
  || compareText(left.latest.host, right.latest.host) || compareText(left.latest.arch, right.latest.arch);

const COMPARES: Record<DashboardSort, Compare> = {
  status: (left, right) =>
    OUTCOME_RANK[toOutcome(left.latest.success)] - OUTCOME_RANK[toOutcome(right.latest.success)]
    || Number(right.failedRecently) - Number(left.failedRecently) || byPackage(left, right),
  package: byPackage,
  age: (left, right) => right.latest.time - left.latest.time || byPackage(left, right),
  host: (left, right) => compareText(left.latest.host, right.latest.host) || byPackage(left, right),
};

export function toDashboardPage(dashboard: Dashboard, sort: DashboardSort, expected: ExpectedBuilderView, runningBuilds: readonly RunningBuild[]) {
  const { now } = dashboard;
  const running = toRunningBuildsView(runningBuilds, now);
  const rows = [...dashboard.tagsets].sort(COMPARES[sort]).map((tagset) => ({
    packageName: tagset.latest.package,
    packageUrl: makePackageUrl(tagset.latest.package),
    url: `/results/${tagset.latest.resultKey}`,
    latestUrl: makeLatestUrl(tagset.latest.package, tagset.tagset),
    ...describeSuccessFlag(tagset.latest.success),
    failedRecently: tagset.failedRecently,
    stale: expected.staleTagsetKeys.has(makeTagsetKey(tagset.tagset)),
    building: tagset.building,
    running: running.find(tagset.latest.package, tagset.tagset),
    buildingSince: tagset.buildingSince === null ? undefined : describeTimeView(tagset.buildingSince, now),
    host: tagset.latest.host,
    arch: tagset.latest.arch,
    tags: tagset.visibleTags,
    time: describeTimeView(tagset.latest.time, now),
    duration: formatDuration(tagset.latest.duration ?? undefined),
    resultCount: tagset.resultCount,
  }));
  const failing = rows.filter((row) => row.outcome === 'failed').length;
  return {
    title: 'Builds',
    rows,
    expected: expected.rows,
    runningBuilds: running.list,
    firstBuilds: dashboard.firstBuilds.map((build) => ({
      packageName: build.package,
      host: readSyntheticTag(build.tagset, '__host=') ?? '',
      arch: readSyntheticTag(build.tagset, '__arch=') ?? '',
      tags: build.visibleTags,
      since: describeTimeView(build.buildingSince, now),
    })),
    summary: rows.length === 0 ? '' : `${rows.length} tagset${rows.length === 1 ? '' : 's'}, ${failing} failing`,
    sortLinks: Object.fromEntries(DASHBOARD_SORTS.map((name) => [name, {
      url: name === 'status' ? '/' : `/?sort=${name}`,
      active: name === sort,
    }])) as Record<DashboardSort, { url: string; active: boolean }>,
  };
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

// The JSON twins of the web pages: the dashboard, a package's history per tagset, and its
// results a page at a time. Field names follow the wire protocol's snake_case. `basePath`
// ('' or e.g. `/ci`) starts each result page's `url`.
import type { Dashboard, PackageResultsPage, TagsetHistory } from '../queries/page-types.ts';
import { toOutcome } from '../rules/summarize-outcomes.ts';
import type { ResultSummary, TagsetSummary } from '../queries/summary-types.ts';

export function toDashboardJson(dashboard: Dashboard, basePath: string): unknown {
  return {
    now: dashboard.now,
    tagsets: dashboard.tagsets.map((tagset) => ({
      package: tagset.latest.package,
      ...toTagsetFields(tagset, basePath),
      building: tagset.building,
      building_since: tagset.buildingSince,
      failed_recently: tagset.failedRecently,
    })),
    first_builds: dashboard.firstBuilds.map((build) => ({
      package: build.package,
      tagset: build.tagset,
      tags: build.visibleTags,
      building_since: build.buildingSince,
    })),
  };
}

export function toHistoryJson(packageName: string, histories: TagsetHistory[], basePath: string): unknown {
  return {
    package: packageName,
    tagsets: histories.map((history) => ({
      ...toTagsetFields(history, basePath),
      streak: {
        status: history.streak.outcome,
        since_result_key: history.streak.sinceResultKey,
        length: history.streak.length,
        complete: history.streak.complete,
      },
      recent: history.recent.map((point) => ({
        result_key: point.resultKey,
        time: point.time,
        status: point.outcome,
        url: `${basePath}/results/${point.resultKey}`,
      })),
      passed_count: history.passedCount,
    })),
  };
}

export function toPackageResultsJson(page: PackageResultsPage, basePath: string): unknown {
  return {
    package: page.package,
    results: page.results.map((result) => ({
      ...toResultFields(result, basePath),
      tagset: result.tagset,
      tags: result.visibleTags,
    })),
    next_before: page.nextBefore,
  };
}

function toTagsetFields(summary: TagsetSummary, basePath: string) {
  return {
    tagset: summary.tagset,
    tags: summary.visibleTags,
    result_count: summary.resultCount,
    latest: toResultFields(summary.latest, basePath),
  };
}

function toResultFields(result: ResultSummary, basePath: string) {
  return {
    result_key: result.resultKey,
    time: result.time,
    host: result.host,
    arch: result.arch,
    success: result.success,
    status: toOutcome(result.success),
    duration: result.duration,
    url: `${basePath}/results/${result.resultKey}`,
  };
}

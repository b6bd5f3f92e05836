// Builds reported live and running now, as the dashboard and the package page show them: where,
// which step they are in, since when; and the lookup that marks a tagset's row as running.
import { makeTagsetKey } from '../../wire/tagset.ts';
import type { RunningBuild } from '../queries/live-results.ts';
import { formatValue } from './format.ts';
import { makePackageUrl } from './page-links.ts';
import { describeTimeView } from './view-parts.ts';

export type RunningBuildView = ReturnType<typeof toRunningBuildView>;

export function toRunningBuildView(build: RunningBuild, now: number) {
  return {
    url: `/results/${build.resultKey}`,
    resultKey: build.resultKey,
    packageName: build.package,
    packageUrl: makePackageUrl(build.package),
    host: build.host,
    arch: build.arch,
    tags: build.visibleTags,
    step: describeCurrentStep(build),
    since: describeTimeView(build.startedAt, now),
  };
}

/** "step 3, after configure": the running step's own name is known only once it ends. */
export function describeCurrentStep(build: Pick<RunningBuild, 'runningStepIndex' | 'lastStepName'>): string {
  const step = `step ${build.runningStepIndex + 1}`;
  return build.lastStepName === null ? step : `${step}, after ${formatValue(build.lastStepName)}`;
}

/** The builds as a list, oldest first, and a lookup that marks the row of a tagset being built (the newest build wins). */
export function toRunningBuildsView(builds: readonly RunningBuild[], now: number) {
  const list = builds.map((build) => toRunningBuildView(build, now));
  const byTagset = new Map<string, RunningBuildView>();
  builds.forEach((build, index) => byTagset.set(toLookupKey(build.package, build.tagset), list[index]!));
  return {
    list,
    find: (packageName: string, tagset: readonly string[]) => byTagset.get(toLookupKey(packageName, tagset)),
  };
}

function toLookupKey(packageName: string, tagset: readonly string[]): string {
  return JSON.stringify([packageName, makeTagsetKey(tagset)]);
}

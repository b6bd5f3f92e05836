// The JSON shapes of results in any state and of the builds running now.
import type { LiveResult, RunningBuild } from '../queries/live-results.ts';
import { toResultJson } from './json-views.ts';

/** `GET /api/v1/results/<key>`: the state, the three bags, and the running step while there is one. */
export function toLiveResultJson(result: LiveResult): unknown {
  const runningStep = result.runningStep && {
    index: result.runningStep.index,
    output: result.runningStep.output,
    errout: result.runningStep.errout,
  };
  return { state: result.state, ...(toResultJson(result.triple) as object), ...(runningStep ? { running_step: runningStep } : {}) };
}

/** `basePath` ('' or e.g. `/ci`) starts each result page's `url`. */
export function toRunningBuildsJson(builds: RunningBuild[], basePath: string): unknown {
  return {
    builds: builds.map((build) => ({
      result_key: build.resultKey,
      package: build.package,
      host: build.host,
      arch: build.arch,
      tagset: build.tagset,
      tags: build.visibleTags,
      started: build.startedAt,
      last_activity: build.lastActivityAt,
      running_step_index: build.runningStepIndex,
      last_step_name: build.lastStepName,
      url: `${basePath}/results/${build.resultKey}`,
    })),
  };
}

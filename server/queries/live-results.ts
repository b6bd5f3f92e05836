// Results as live builds show them: any result with its state and, while it runs (or once
// abandoned), the output of the step it was in; and the builds running now.
import { getVisibleTags } from '../../wire/tagset.ts';
import type { ResultState, RunningStepRecord } from '../store/live-types.ts';
import type { Store } from '../store/types.ts';
import { toTriple, type StoredTriple } from './result.ts';

/** A result in any state. */
export interface LiveResult {
  state: ResultState;
  /** While running (or once abandoned), `results_list` holds the steps added so far. */
  triple: StoredTriple;
  /** The step the build is in (or was in, when abandoned) with its output so far; null once finished. */
  runningStep: RunningStepRecord | null;
}

/** A build running now. */
export interface RunningBuild {
  resultKey: number;
  package: string;
  host: string;
  arch: string;
  tagset: string[];
  visibleTags: string[];
  /** Unix seconds of begin_build. */
  startedAt: number;
  /** Unix seconds of its last call. */
  lastActivityAt: number;
  /** The running step's index in results_list: how many steps were added. */
  runningStepIndex: number;
  /** The last step added, by name; null before the first. The running step's own name is not sent until it ends. */
  lastStepName: string | null;
}

/** The result in any state, or undefined for an unknown key. */
export async function getLiveResult(store: Store, resultKey: number): Promise<LiveResult | undefined> {
  const stored = await store.getResult(resultKey);
  if (!stored) {
    return undefined;
  }
  if (stored.state === 'finished') {
    return { state: stored.state, triple: toTriple(stored), runningStep: null };
  }
  // Finished between the two reads: the steps read are then the whole of it.
  const runningStep = await store.getRunningStep(resultKey) ?? { index: stored.resultsList.length, output: '', errout: '' };
  return { state: stored.state, triple: toTriple(stored), runningStep };
}

/** Builds running now, oldest first. */
export async function listRunningBuilds(store: Store): Promise<RunningBuild[]> {
  return (await store.listRunningBuilds()).map((record) => ({
    resultKey: record.key,
    package: record.package,
    host: record.host,
    arch: record.arch,
    tagset: record.tagset,
    visibleTags: getVisibleTags(record.tagset),
    startedAt: record.startedAt,
    lastActivityAt: record.lastActivityAt,
    runningStepIndex: record.stepCount,
    lastStepName: record.lastStepName,
  }));
}

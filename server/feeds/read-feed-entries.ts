// The newest results of the site or of one package, with the change each made, for a feed.
// Each package's newest results are read once, through the (package, id) index with a limit;
// a scan that stopped early only vouches for results down to where it stopped, so nothing
// older than that is shown from another package (the feed is then shorter, never wrong).
import type { Coordinator } from '../coordinator/types.ts';
import type { PackageResult } from '../queries/page-types.ts';
import type { ResultChange } from '../rules/classify-change.ts';
import { toOutcome } from '../rules/summarize-outcomes.ts';
import type { FailureDescriber } from './describe-failure.ts';
import type { FeedScope, FeedSelection } from './feed-urls.ts';
import { FAILURE_FEED_CHANGES, type FeedEntry } from './feed-types.ts';
import { findResultChanges, RESULTS_PER_READ } from './find-result-change.ts';

export type FeedReads = Pick<Coordinator, 'listPackages' | 'listPackageResults'>;

/** Items in one feed. */
export const FEED_ITEMS = 50;

interface PackageScan {
  results: PackageResult[];
  changes: Map<number, ResultChange>;
  complete: boolean;
}

/** Newest first, at most FEED_ITEMS; failed results carry what failed. */
export async function readFeedEntries(
  coordinator: FeedReads,
  describeFailure: FailureDescriber,
  scope: FeedScope,
  selection: FeedSelection,
): Promise<FeedEntry[]> {
  const packages = scope.kind === 'package' ? [scope.packageName] : (await coordinator.listPackages()).map((summary) => summary.package);
  const scans = await Promise.all(packages.map((packageName) => scanPackage(coordinator, packageName)));
  const floor = Math.max(0, ...scans.filter((scan) => !scan.complete).map((scan) => scan.results.at(-1)?.resultKey ?? 0));
  const chosen = scans
    .flatMap((scan) => scan.results.map((result) => ({ result, change: scan.changes.get(result.resultKey)! })))
    .filter(({ result, change }) => result.resultKey >= floor && (selection === 'results' || FAILURE_FEED_CHANGES.has(change)))
    .sort((left, right) => right.result.resultKey - left.result.resultKey)
    .slice(0, FEED_ITEMS);
  return Promise.all(chosen.map(async ({ result, change }): Promise<FeedEntry> => {
    const outcome = toOutcome(result.success);
    return {
      resultKey: result.resultKey,
      time: result.time,
      package: result.package,
      host: result.host,
      arch: result.arch,
      tagset: result.tagset,
      visibleTags: result.visibleTags,
      outcome,
      change,
      ...(outcome === 'failed' && { failure: await describeFailure(result.resultKey) }),
    };
  }));
}

async function scanPackage(coordinator: FeedReads, packageName: string): Promise<PackageScan> {
  const page = await coordinator.listPackageResults(packageName, { limit: RESULTS_PER_READ });
  const complete = page.nextBefore === null;
  return { results: page.results, changes: await findResultChanges(coordinator, packageName, page.results, complete), complete };
}

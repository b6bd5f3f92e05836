// A result's change against its tagset's previous known outcome, the one rule feeds and WebSub
// publishes share with webhooks and mail (server/rules/classify-change.ts).
import { makeTagsetKey } from '../../wire/tagset.ts';
import type { Coordinator } from '../coordinator/types.ts';
import type { PackageResult } from '../queries/page-types.ts';
import { readSyntheticTag } from '../web/page-links.ts';
import { classifyChange, findPreviousKnownOutcome, type ResultChange } from '../rules/classify-change.ts';
import { toOutcome, type ResultOutcome } from '../rules/summarize-outcomes.ts';

export type ResultListing = Pick<Coordinator, 'listPackageResults'>;

/** The most results one listing call reads (listPackageResults' own bound). */
export const RESULTS_PER_READ = 200;
// Unknown outcomes are rare; past this many pages of them the tagset counts as having no known outcome.
const MAX_READS_BACK = 3;

/**
 * The change of each result, newest first; `results` must be the package's newest results
 * (a window of them), and `complete` says whether they reach the package's oldest. A result
 * whose tagset has no known outcome in the window is looked up further back.
 */
export async function findResultChanges(
  coordinator: ResultListing,
  packageName: string,
  results: readonly PackageResult[],
  complete: boolean,
): Promise<Map<number, ResultChange>> {
  const byTagset = new Map<string, PackageResult[]>();
  for (const result of results) {
    const key = makeTagsetKey(result.tagset);
    byTagset.set(key, [...(byTagset.get(key) ?? []), result]);
  }
  const changes = new Map<number, ResultChange>();
  await Promise.all([...byTagset.values()].map(async (ofTagset) => {
    const outcomes = ofTagset.map((result) => toOutcome(result.success));
    for (const [index, result] of ofTagset.entries()) {
      const earlier = findPreviousKnownOutcome(outcomes.slice(index + 1));
      const previous = earlier !== undefined || complete ? earlier : await readPreviousOutcome(coordinator, packageName, ofTagset.at(-1)!);
      changes.set(result.resultKey, classifyChange(outcomes[index]!, previous));
    }
  }));
  return changes;
}

/** The change one result made, reading back through its tagset; for a result just stored. */
export async function findOneResultChange(coordinator: ResultListing, result: PackageResult): Promise<ResultChange> {
  return classifyChange(toOutcome(result.success), await readPreviousOutcome(coordinator, result.package, result));
}

// Pages back from `result` through the results of its tagset until one has a known outcome.
async function readPreviousOutcome(coordinator: ResultListing, packageName: string, result: PackageResult): Promise<ResultOutcome | undefined> {
  const tagsetKey = makeTagsetKey(result.tagset);
  let before: number | null = result.resultKey;
  for (let read = 0; read < MAX_READS_BACK && before !== null; read++) {
    const page = await coordinator.listPackageResults(packageName, {
      before, limit: RESULTS_PER_READ, tags: result.visibleTags,
      host: readSyntheticTag(result.tagset, '__host='), arch: readSyntheticTag(result.tagset, '__arch='),
    });
    const outcomes = page.results.filter((older) => makeTagsetKey(older.tagset) === tagsetKey).map((older) => toOutcome(older.success));
    const known = findPreviousKnownOutcome(outcomes);
    if (known !== undefined) {
      return known;
    }
    before = page.nextBefore;
  }
  return undefined;
}

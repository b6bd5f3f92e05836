// A package's tagsets, read from the tagsets table: one row per tagset with its newest
// result, so listing never scans results.
import { getVisibleTags } from '../../wire/tagset.ts';
import { selectTagsets, type TagsetSelector } from '../rules/select-tagsets.ts';
import type { Store, TagsetRecord } from '../store/types.ts';
import type { PackageSummary, TagsetSummary } from './summary-types.ts';

/** Every tagset that has results for the package, each in canonical order. */
export async function getTagsetsForPackage(store: Store, packageName: string): Promise<string[][]> {
  return (await store.listTagsets(packageName)).map((record) => record.tagset);
}

/** Every package with the newest result of each of its tagsets. */
export async function listPackages(store: Store): Promise<PackageSummary[]> {
  const packages = new Map<string, TagsetSummary[]>();
  for (const record of await store.listTagsets()) {
    const tagsets = packages.get(record.package) ?? [];
    tagsets.push(toTagsetSummary(record));
    packages.set(record.package, tagsets);
  }
  return [...packages].map(([name, tagsets]) => ({ package: name, tagsets }));
}

/** The package's tagsets that the selector names, newest latest result first. */
export async function findTagsets(store: Store, packageName: string, selector: TagsetSelector): Promise<TagsetSummary[]> {
  const records = selectTagsets(await store.listTagsets(packageName), selector);
  return records.sort((left, right) => right.latest.key - left.latest.key).map(toTagsetSummary);
}

export function toTagsetSummary(record: TagsetRecord): TagsetSummary {
  return {
    tagset: record.tagset,
    visibleTags: getVisibleTags(record.tagset),
    resultCount: record.resultCount,
    latest: {
      resultKey: record.latest.key,
      time: record.latest.receivedAt,
      package: record.package,
      host: record.latest.host,
      arch: record.latest.arch,
      success: record.latest.success,
      duration: record.latest.duration,
    },
  };
}

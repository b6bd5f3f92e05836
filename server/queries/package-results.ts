// A package's results a page at a time, filtered by tags, host, arch and outcome. Paging walks
// the (package, id) index, or (package, tagset_key, id) per selected tagset, with a LIMIT.
import { getVisibleTags } from '../../wire/tagset.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { selectTagsets } from '../rules/select-tagsets.ts';
import { toOutcome } from '../rules/summarize-outcomes.ts';
import type { PackageResultRecord } from '../store/page-types.ts';
import type { Store } from '../store/types.ts';
import { mergeResultScans, type ResultScan } from './merge-result-scans.ts';
import type { PackageResult, PackageResultsOptions, PackageResultsPage } from './page-types.ts';

const DEFAULT_PAGE_LIMIT = 50;
const MAX_PAGE_LIMIT = 200;
// An outcome filter reads this many summaries per tagset per page at most; sparse matches
// then give short pages rather than long scans.
const OUTCOME_SCAN_ROWS = 500;

/** A page of the package's results, newest first. */
export async function listPackageResults(
  store: Store,
  packageName: string,
  options: PackageResultsOptions = {},
): Promise<PackageResultsPage> {
  const limit = options.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new InvalidFieldError('limit', `an integer from 1 to ${MAX_PAGE_LIMIT}`, limit);
  }
  const records = await store.listTagsets(packageName);
  const tagsets = new Map(records.map((record) => [record.tagsetKey, record.tagset]));
  const narrowed = (options.tags?.length ?? 0) > 0 || options.host !== undefined || options.arch !== undefined;
  const scanLimit = options.outcome === undefined ? limit + 1 : Math.max(limit + 1, OUTCOME_SCAN_ROWS);
  const scanKeys: Array<string | undefined> = narrowed
    ? selectTagsets(records, { tags: options.tags ?? [], host: options.host, arch: options.arch, exactTags: false })
      .map((record) => record.tagsetKey)
    : [undefined];
  const scans = await Promise.all(scanKeys.map(async (tagsetKey): Promise<ResultScan> => {
    const rows = await store.listResultSummaries({ packageName, tagsetKey, beforeKey: options.before, limit: scanLimit });
    return { rows, exhausted: rows.length < scanLimit };
  }));
  const page = mergeResultScans(scans, (row) => options.outcome === undefined || toOutcome(row.success) === options.outcome, limit);
  return {
    package: packageName,
    results: page.rows.map((row) => toPackageResult(row, tagsets.get(row.tagsetKey) ?? [])),
    nextBefore: page.nextBefore,
  };
}

function toPackageResult(row: PackageResultRecord, tagset: string[]): PackageResult {
  return {
    resultKey: row.key,
    time: row.receivedAt,
    package: row.package,
    host: row.host,
    arch: row.arch,
    success: row.success,
    duration: row.duration,
    tagset,
    visibleTags: getVisibleTags(tagset),
  };
}

// Pages a package's results when they come from several index walks (one per tagset), each
// cut off at its own limit. A walk that stopped early only vouches for keys down to where it
// stopped, so the page ends there and the next page starts below it: pages may be short,
// but none skips a result, and none reads more than the walks' limits.
import type { PackageResultRecord } from '../store/page-types.ts';

export interface ResultScan {
  /** Newest first. */
  rows: PackageResultRecord[];
  /** True when the walk reached the tagset's oldest result. */
  exhausted: boolean;
}

export interface MergedPage {
  rows: PackageResultRecord[];
  nextBefore: number | null;
}

export function mergeResultScans(
  scans: readonly ResultScan[],
  matches: (row: PackageResultRecord) => boolean,
  limit: number,
): MergedPage {
  const floor = Math.max(0, ...scans.filter((scan) => !scan.exhausted).map((scan) => scan.rows.at(-1)?.key ?? 0));
  const candidates = scans
    .flatMap((scan) => scan.rows)
    .filter((row) => row.key >= floor && matches(row))
    .sort((left, right) => right.key - left.key);
  if (candidates.length > limit) {
    const rows = candidates.slice(0, limit);
    return { rows, nextBefore: rows.at(-1)!.key };
  }
  return { rows: candidates, nextBefore: floor > 0 ? floor : null };
}

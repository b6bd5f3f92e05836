// The read queries behind the web pages. Latest-per-tagset comes from the tagsets table;
// history and paging walk the (package, tagset_key, id) and (package, id) indexes with a
// LIMIT, so no page reads every result.
import type { PackageResultRecord } from '../store/page-types.ts';
import type { Store, TagsetRecord } from '../store/types.ts';
import { InvalidFieldError } from './errors.ts';
import { mergeResultScans, type ResultScan } from './merge-result-scans.ts';
import type { DashboardTagset, FirstBuild, OutcomePoint, PackageResult, PageQueries, TagsetHistory } from './page-types.ts';
import { selectTagsets } from './select-tagsets.ts';
import { computeBuildAllowance, STALE_AFTER_SECONDS } from './should-build.ts';
import { countPassed, findStreak, toOutcome } from './summarize-outcomes.ts';
import { getVisibleTags } from '../../wire/tagset.ts';
import type { TagsetSummary } from './types.ts';

export const DEFAULT_RECENT_LENGTH = 10;
export const DEFAULT_PAGE_LIMIT = 50;
const MAX_PAGE_LIMIT = 200;
// How far back a streak is followed; longer ones are shown as "at least".
const STREAK_WINDOW = 100;
// An outcome filter reads this many summaries per tagset per page at most; sparse matches
// then give short pages rather than long scans.
const OUTCOME_SCAN_ROWS = 500;

export function createPageQueries(store: Store, now: () => number): PageQueries {
  return {
    async getDashboard() {
      const time = now();
      const [records, reservations] = await Promise.all([store.listTagsets(), store.listBuildReservations()]);
      const reservedAt = new Map(reservations.map((reservation) => [reservation.tagsetKey, reservation]));
      const tagsets = records.map((record): DashboardTagset => {
        const reservation = reservedAt.get(record.tagsetKey);
        const building = reservation !== undefined
          && time - reservation.reservedAt < computeBuildAllowance(reservation.requestedAllowance, record.latest.duration);
        return {
          ...toTagsetSummary(record),
          building,
          buildingSince: building ? reservation!.reservedAt : null,
          failedRecently: record.latest.success === false && time - record.latest.receivedAt < STALE_AFTER_SECONDS,
        };
      });
      const known = new Set(records.map((record) => record.tagsetKey));
      const firstBuilds = reservations
        .filter((reservation) => !known.has(reservation.tagsetKey)
          && time - reservation.reservedAt < computeBuildAllowance(reservation.requestedAllowance, null))
        .sort((left, right) => left.reservedAt - right.reservedAt)
        .flatMap((reservation) => toFirstBuild(reservation.tagsetKey, reservation.reservedAt));
      return { now: time, tagsets, firstBuilds };
    },

    async getPackageHistory(packageName, { recentLength = DEFAULT_RECENT_LENGTH } = {}) {
      if (!Number.isInteger(recentLength) || recentLength < 1 || recentLength > STREAK_WINDOW) {
        throw new InvalidFieldError('recentLength', `an integer from 1 to ${STREAK_WINDOW}`, recentLength);
      }
      const records = await store.listTagsets(packageName);
      return Promise.all(records.map(async (record): Promise<TagsetHistory> => {
        const rows = await store.listResultSummaries({ packageName, tagsetKey: record.tagsetKey, limit: STREAK_WINDOW });
        const points: OutcomePoint[] = rows.map((row) => ({ resultKey: row.key, time: row.receivedAt, outcome: toOutcome(row.success) }));
        const recent = points.slice(0, recentLength);
        // A tagset row always has its latest result, so the streak has at least one point.
        const streak = findStreak(points, rows.length < STREAK_WINDOW)!;
        return { ...toTagsetSummary(record), streak, recent, passedCount: countPassed(recent) };
      }));
    },

    async listPackageResults(packageName, options = {}) {
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
    },

    findNeighbourResults: (resultKey) => store.findNeighbourKeys(resultKey),

    async findTagsets(packageName, selector) {
      const records = selectTagsets(await store.listTagsets(packageName), selector);
      return records.sort((left, right) => right.latest.key - left.latest.key).map(toTagsetSummary);
    },
  };
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

// A reservation names its tagset only by key, which is the tagset's canonical JSON.
function toFirstBuild(tagsetKey: string, reservedAt: number): FirstBuild[] {
  const tagset = parseTagsetKey(tagsetKey);
  const packageName = tagset?.find((tag) => tag.startsWith('__package='))?.slice('__package='.length);
  if (!tagset || packageName === undefined) {
    return [];
  }
  return [{ package: packageName, tagset, visibleTags: getVisibleTags(tagset), buildingSince: reservedAt }];
}

function parseTagsetKey(tagsetKey: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(tagsetKey);
    return Array.isArray(parsed) && parsed.every((tag) => typeof tag === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
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

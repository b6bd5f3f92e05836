// Each tagset of a package with its streak and recent outcomes. History walks the
// (package, tagset_key, id) index backwards with a LIMIT, so no page reads every result.
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { countPassed, findStreak, toOutcome, type OutcomePoint } from '../rules/summarize-outcomes.ts';
import type { Store } from '../store/types.ts';
import type { TagsetHistory } from './page-types.ts';
import { toTagsetSummary } from './tagsets.ts';

const DEFAULT_RECENT_LENGTH = 10;
// How far back a streak is followed; longer ones are shown as "at least".
const STREAK_WINDOW = 100;

/** Each tagset of the package with its latest result, streak and recent outcomes. */
export async function getPackageHistory(
  store: Store,
  packageName: string,
  { recentLength = DEFAULT_RECENT_LENGTH }: { recentLength?: number } = {},
): Promise<TagsetHistory[]> {
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
}

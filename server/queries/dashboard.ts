// The dashboard: every tagset's latest result from the tagsets table, with the build
// reservations that say which tagsets are being built now.
import { getVisibleTags } from '../../wire/tagset.ts';
import { computeBuildAllowance, STALE_AFTER_SECONDS } from '../rules/should-build.ts';
import type { Store } from '../store/types.ts';
import type { Dashboard, DashboardTagset, FirstBuild } from './page-types.ts';
import { toTagsetSummary } from './tagsets.ts';

/** Every tagset's latest result, with its build state at `time`. */
export async function getDashboard(store: Store, time: number): Promise<Dashboard> {
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

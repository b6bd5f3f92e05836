// The original's "should I build now?" rules, as one pure function over the facts the
// coordinator gathers, so each rule can be tested without a clock or a database.

export const DEFAULT_BUILD_ALLOWANCE_SECONDS = 60 * 60;
export const MAX_BUILD_ALLOWANCE_SECONDS = 4 * 60 * 60;
export const STALE_AFTER_SECONDS = 24 * 60 * 60;

export interface ShouldBuildFacts {
  /** Unix seconds. */
  now: number;
  /** A build request for the tagset was pending (and has been consumed). */
  buildRequested: boolean;
  reservation: { reservedAt: number; requestedAllowance: number } | undefined;
  latest: { receivedAt: number; success: boolean | null; duration: number | null; revision: string | null } | undefined;
  /** The revision the client is about to build, when it said (client_info.revision). */
  revision?: string;
}

export interface ShouldBuildAnswer {
  build: boolean;
  reason: string;
}

/**
 * Applies the ordered rules of docs/PROTOCOL.md, "check_should_build": the original's six, and
 * between its third and fourth ours for clients that say which revision they would build.
 */
export function decideShouldBuild(facts: ShouldBuildFacts): ShouldBuildAnswer {
  const { now, reservation, latest } = facts;
  if (facts.buildRequested) {
    return { build: true, reason: 'build requested' };
  }
  if (reservation) {
    const allowance = computeBuildAllowance(reservation.requestedAllowance, latest?.duration ?? null);
    if (now - reservation.reservedAt < allowance) {
      return { build: false, reason: 'may be in build now' };
    }
  }
  if (!latest) {
    return { build: true, reason: 'no build recorded for this tagset; build!' };
  }
  // A cron-driven client learns the newest revision without checking out; without this rule a
  // commit landing within a day of a passing build would wait for the day to end.
  if (facts.revision !== undefined && facts.revision !== latest.revision) {
    return { build: true, reason: `new revision ${facts.revision}; build!` };
  }
  const age = now - latest.receivedAt;
  if (age >= STALE_AFTER_SECONDS) {
    return { build: true, reason: `last build was ${formatAge(age)} ago; do build!` };
  }
  if (latest.success !== true) {
    return { build: true, reason: 'last build was unsuccessful; go!' };
  }
  return { build: false, reason: 'build up to date' };
}

/** How long a reservation holds: what was asked, else the last build's duration, else an hour; at most four hours. */
export function computeBuildAllowance(requestedAllowance: number, lastDuration: number | null): number {
  const allowance = requestedAllowance > 0
    ? requestedAllowance
    : lastDuration !== null && lastDuration > 0 ? lastDuration : DEFAULT_BUILD_ALLOWANCE_SECONDS;
  return Math.min(allowance, MAX_BUILD_ALLOWANCE_SECONDS);
}

/** "2 days, 3:04:05", like the original's timedelta. */
export function formatAge(seconds: number): string {
  const whole = Math.floor(seconds);
  const days = Math.floor(whole / 86_400);
  const rest = whole % 86_400;
  const clock = [Math.floor(rest / 3600), Math.floor((rest % 3600) / 60), rest % 60]
    .map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, '0')))
    .join(':');
  return days > 0 ? `${days} day${days === 1 ? '' : 's'}, ${clock}` : clock;
}

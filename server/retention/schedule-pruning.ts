// Runs retention in the background: shortly after start, then every interval. Runs never
// overlap (the next is timed from the end of the last), the timer never keeps the process
// alive, and a failed run is logged and retried at the next interval.
import type { RetentionPolicy } from '../config/types.ts';
import type { PruneSummary } from '../commands/removal-types.ts';

// Long enough for the server to be answering first, short enough to see it work at start.
const FIRST_RUN_DELAY_SECONDS = 10;

export interface PruningSchedule {
  /** Cancels later runs and waits for one in progress. */
  stop(): Promise<void>;
}

export interface SchedulePruningOptions {
  policy: RetentionPolicy;
  prune: () => Promise<PruneSummary>;
  log: (line: string) => void;
}

/** Starts the background runs. */
export function schedulePruning({ policy, prune, log }: SchedulePruningOptions): PruningSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const runOnce = async () => {
    try {
      const { removed } = await prune();
      if (removed > 0) {
        log(`retention: removed ${removed} result${removed === 1 ? '' : 's'} (${describePolicy(policy)})`);
      }
    } catch (error) {
      log(`retention: pruning failed: ${(error as Error).stack ?? String(error)}`);
    }
  };
  const scheduleNext = (seconds: number) => {
    if (stopped) {
      return;
    }
    timer = setTimeout(() => {
      running = runOnce().finally(() => {
        running = undefined;
        scheduleNext(policy.intervalSeconds);
      });
    }, seconds * 1000);
    timer.unref();
  };

  scheduleNext(Math.min(FIRST_RUN_DELAY_SECONDS, policy.intervalSeconds));
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** The policy as the configuration file spells it. */
export function describePolicy(policy: RetentionPolicy): string {
  const parts = [
    policy.keepLast === null ? undefined : `keep_last ${policy.keepLast}`,
    policy.maxAgeDays === null ? undefined : `max_age_days ${policy.maxAgeDays}`,
  ];
  return parts.filter((part) => part !== undefined).join(', ') || 'keep everything';
}

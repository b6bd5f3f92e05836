// Retention: removes results beyond the newest `keep_last` of their tagset, and results older
// than `max_age_days`, but never the newest result of a tagset. Work is split into bounded
// batches, each its own transaction, with a turn of the event loop between them so that
// requests keep being answered while a large backlog is pruned.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RetentionPolicy } from '../config/types.ts';
import type { Store } from '../store/types.ts';
import type { PruneSummary } from './removal-types.ts';

export const PRUNE_BATCH_SIZE = 500;
const SECONDS_PER_DAY = 86_400;

export interface PruneOptions {
  now: number;
  batchSize?: number;
  /** Checked between batches; true stops the run early (the server is closing). */
  shouldStop?: () => boolean;
}

/** Removes what the policy allows, batch by batch; returns how many results went. */
export async function pruneResults(store: Store, policy: RetentionPolicy, options: PruneOptions): Promise<PruneSummary> {
  const batchSize = options.batchSize ?? PRUNE_BATCH_SIZE;
  const shouldStop = options.shouldStop ?? (() => false);
  let removed = 0;
  const removeBatch = async (keys: number[]) => {
    removed += (await store.removeResults(keys, { keepTagsetLatest: true })).length;
    await yieldToEventLoop();
  };
  if (policy.keepLast !== null) {
    await pruneBeyondKeepLast(store, policy.keepLast, batchSize, shouldStop, removeBatch);
  }
  if (policy.maxAgeDays !== null && !shouldStop()) {
    const cutoff = options.now - policy.maxAgeDays * SECONDS_PER_DAY;
    await pruneOlderThan(store, cutoff, batchSize, shouldStop, removeBatch);
  }
  return { removed };
}

async function pruneBeyondKeepLast(
  store: Store,
  keepLast: number,
  batchSize: number,
  shouldStop: () => boolean,
  removeBatch: (keys: number[]) => Promise<void>,
): Promise<void> {
  for (const tagset of await store.listTagsetsLargerThan(keepLast)) {
    while (!shouldStop()) {
      const keys = await store.listOlderResultKeys(tagset, keepLast, batchSize);
      if (keys.length === 0) {
        break;
      }
      await removeBatch(keys);
    }
  }
}

// Keys grow with arrival time, so results are read oldest first and reading stops at the
// first one young enough to keep: only the prunable part of the table is ever read.
async function pruneOlderThan(
  store: Store,
  cutoff: number,
  batchSize: number,
  shouldStop: () => boolean,
  removeBatch: (keys: number[]) => Promise<void>,
): Promise<void> {
  let afterKey = 0;
  while (!shouldStop()) {
    const page = await store.listResultAges(afterKey, batchSize);
    const expired = takeWhile(page, (result) => result.receivedAt < cutoff);
    const keys = expired.filter((result) => !result.isTagsetLatest).map((result) => result.key);
    if (keys.length > 0) {
      await removeBatch(keys);
    }
    if (expired.length < batchSize) {
      return;
    }
    afterKey = expired.at(-1)!.key;
  }
}

function takeWhile<T>(items: T[], predicate: (item: T) => boolean): T[] {
  const end = items.findIndex((item) => !predicate(item));
  return end === -1 ? items : items.slice(0, end);
}

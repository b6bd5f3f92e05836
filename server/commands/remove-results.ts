// The removal operations of the coordinator: retention, one result by key, a whole tagset.
// A closing coordinator stops removing between batches and waits for the batch in hand.
import { getVisibleTags } from '../../wire/tagset.ts';
import type { RetentionPolicy } from '../config/types.ts';
import { UnknownResultError } from '../errors/domain-errors.ts';
import type { RemovedResultRecord } from '../store/removal-types.ts';
import type { Store } from '../store/types.ts';
import { findTagsetToFlush } from './find-tagset-to-flush.ts';
import { PRUNE_BATCH_SIZE, pruneResults } from './prune-results.ts';
import type { FlushedTagset, PruneSummary, RemovedResult } from './removal-types.ts';

// Each is documented where the Coordinator offers it (coordinator/types.ts).
export interface RemovalCommands {
  pruneResults(now?: number): Promise<PruneSummary>;
  removeResult(resultKey: number): Promise<RemovedResult>;
  flushTagset(packageName: string, tags: string[]): Promise<FlushedTagset>;
  /** For close: later batches are skipped, and the operations in hand are waited for. */
  stop(): Promise<void>;
}

export interface RemovalOptions {
  store: Store;
  retention: RetentionPolicy;
  now: () => number;
}

/** Retention, removing one result and flushing a tagset, sharing one way to stop. */
export function createRemovalCommands({ store, retention, now }: RemovalOptions): RemovalCommands {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  // Every operation is tracked, so that closing never pulls the database from under one.
  const track = <T>(operation: Promise<T>): Promise<T> => {
    running.add(operation);
    const forget = () => running.delete(operation);
    operation.then(forget, forget);
    return operation;
  };
  const shouldStop = () => stopped;

  return {
    pruneResults(time) {
      return track(pruneResults(store, retention, { now: time ?? now(), shouldStop }));
    },

    removeResult(resultKey) {
      return track((async () => {
        const [removed] = await store.removeResults([resultKey], { keepTagsetLatest: false });
        if (!removed) {
          throw new UnknownResultError(resultKey);
        }
        const tagset = await store.getTagset(removed.tagsetKey);
        return {
          ...toRemovedSummary(removed),
          resultKey: removed.key,
          time: removed.receivedAt,
          tagsetLatestKey: tagset?.latest.key ?? null,
        };
      })());
    },

    flushTagset(packageName, tags) {
      return track((async () => {
        const record = findTagsetToFlush(packageName, tags, await store.listTagsets(packageName));
        const removed: RemovedResultRecord[] = [];
        while (!stopped) {
          const keys = await store.listOlderResultKeys(record, 0, PRUNE_BATCH_SIZE);
          if (keys.length === 0) {
            break;
          }
          removed.push(...await store.removeResults(keys, { keepTagsetLatest: false }));
        }
        return {
          ...toRemovedSummary(removed[0] ?? { package: packageName, tagset: record.tagset, testCases: 0, uploads: 0 }),
          removedKeys: removed.map((result) => result.key).sort((left, right) => left - right),
          testCases: sum(removed.map((result) => result.testCases)),
          uploads: sum(removed.map((result) => result.uploads)),
        };
      })());
    },

    async stop() {
      stopped = true;
      await Promise.allSettled([...running]);
    },
  };
}

function toRemovedSummary(record: Pick<RemovedResultRecord, 'package' | 'tagset' | 'testCases' | 'uploads'>) {
  return {
    package: record.package,
    tagset: record.tagset,
    visibleTags: getVisibleTags(record.tagset),
    testCases: record.testCases,
    uploads: record.uploads,
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

// The worker's side of the notify rows the request path queues: one row at a time, oldest first,
// it reads the result, works out what changed (describe-result.ts, classify-change.ts) and what
// every channel makes of it, and queues those deliveries while deleting the row, in one small
// transaction. Idempotent besides: a delivery's dedupe key names its target, event and result, so
// a row worked out twice (a lease that ran out mid-way) queues nothing new.
import type { Store } from '../store/types.ts';
import type { NewDelivery, NotifyRow } from './delivery-types.ts';
import { describeBuildBegan, describeResult } from './describe-result.ts';
import type { NotificationChannel } from './notice-types.ts';
import { listDeliveries } from './notify-results.ts';

export interface NotifyFanOutOptions {
  store: Store;
  channels: readonly NotificationChannel[];
  publicUrl: string | null;
  /** Unix seconds. */
  now: () => number;
  log: (line: string) => void;
  /** Tells the delivery loops that deliveries were queued. */
  wake: () => void;
}

export interface NotifyFanOut {
  /** Works out the oldest notify row if one may be taken now; false when there was none. */
  fanOutNext(): Promise<boolean>;
  /** When the oldest notify row may be taken, or undefined when none is queued. */
  findNextTime(): Promise<number | undefined>;
}

// Working a row out reads and writes the store only: far shorter than this, even on a busy disk.
const LEASE_SECONDS = 60;
// A row that fails this often (a result the describer cannot read) is dropped so that the rows behind it go out.
const MAX_ROW_ATTEMPTS = 5;
const RETRY_SECONDS = 5;

export function createNotifyFanOut(options: NotifyFanOutOptions): NotifyFanOut {
  const { store, now, log } = options;
  return {
    async fanOutNext() {
      const at = now();
      const lockedUntil = at + LEASE_SECONDS;
      const row = await store.claimNotifyRow(at, lockedUntil);
      if (!row) {
        return false;
      }
      let deliveries: NewDelivery[];
      try {
        deliveries = await listRowDeliveries(store, options.channels, options.publicUrl, row);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (row.attempts < MAX_ROW_ATTEMPTS) {
          log(`working out the notifications of result ${row.resultKey} (${row.event}) failed: ${reason}; tried again in ${RETRY_SECONDS} s`);
          await store.retryNotifyRow(row.key, lockedUntil, now() + RETRY_SECONDS);
          return true;
        }
        log(`working out the notifications of result ${row.resultKey} (${row.event}) failed ${row.attempts} times: ${reason}; they are not sent`);
        deliveries = [];
      }
      const added = await store.finishNotifyRow(row.key, lockedUntil, deliveries, now());
      if (added === undefined) {
        log(`working out the notifications of result ${row.resultKey} (${row.event}) outlasted its lease; another worker does it again`);
      } else if (added > 0) {
        options.wake();
      }
      return true;
    },
    findNextTime: () => store.findNextNotifyTime(),
  };
}

/** The deliveries a notify row gives rise to; none when its result is gone (removed since). */
export async function listRowDeliveries(
  store: Store, channels: readonly NotificationChannel[], publicUrl: string | null, row: Pick<NotifyRow, 'resultKey' | 'event'>,
): Promise<NewDelivery[]> {
  const notice = row.event === 'begin'
    ? await describeBuildBegan(store, row.resultKey, publicUrl)
    : await describeResult(store, row.resultKey, publicUrl);
  return notice ? listDeliveries(channels, notice) : [];
}

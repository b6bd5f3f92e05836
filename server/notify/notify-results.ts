// The hook the coordinator calls once a result is stored or a live build begins. It costs the
// request one small insert, a notify row, and wakes the worker, which works out what changed and
// queues the deliveries in the background (fan-out-notifications.ts). It never fails a
// submission: a problem is logged, and the result stays stored.
import type { Store } from '../store/types.ts';
import type { NewDelivery, NotifyEvent } from './delivery-types.ts';
import type { NotificationChannel, Notice } from './notice-types.ts';

export interface ResultNotifier {
  /** A result was stored whole or a live build finished: result, broke, fixed, still_failing and commit statuses follow. */
  resultStored(resultKey: number): Promise<void>;
  /** A live build began: `pending` commit statuses follow. */
  buildBegan(resultKey: number): Promise<void>;
}

export interface ResultNotifierOptions {
  store: Store;
  /** With none, nothing is queued at all. */
  channels: readonly NotificationChannel[];
  /** Unix seconds. */
  now: () => number;
  log: (line: string) => void;
  /** Tells the worker that a notify row was queued. */
  wake: () => void;
}

/** The notifier; with no channel configured it writes nothing and costs nothing. */
export function createResultNotifier(options: ResultNotifierOptions): ResultNotifier {
  const { store, channels, log } = options;
  const notify = async (resultKey: number, event: NotifyEvent) => {
    if (channels.length === 0) {
      return;
    }
    try {
      await store.addNotifyRow(resultKey, event, options.now());
      options.wake();
    } catch (error) {
      log(`queuing the notifications of result ${resultKey} (${event}) failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    resultStored: (resultKey) => notify(resultKey, 'finished'),
    buildBegan: (resultKey) => notify(resultKey, 'begin'),
  };
}

/** What every channel makes of the notice. */
export function listDeliveries(channels: readonly NotificationChannel[], notice: Notice): NewDelivery[] {
  return channels.flatMap((channel) => channel.deliveriesFor(notice));
}

/** Queues what every channel makes of the notice; answers how many deliveries were new. */
export function queueNotice(store: Store, channels: readonly NotificationChannel[], notice: Notice, at: number): Promise<number> {
  return store.enqueueDeliveries(listDeliveries(channels, notice), at);
}

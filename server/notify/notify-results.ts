// The hook the coordinator calls once a result is stored or a live build begins: it works out
// what changed and queues a delivery per channel and subscriber, in the same store, then wakes
// the worker. It never fails a submission: a problem is logged, and the result stays stored.
import type { Store } from '../store/types.ts';
import type { NewDelivery } from './delivery-types.ts';
import { describeBuildBegan, describeResult } from './describe-result.ts';
import type { NotificationChannel, Notice } from './notice-types.ts';

export interface ResultNotifier {
  /** A result was stored whole or a live build finished: queue result, broke, fixed, still_failing and commit statuses. */
  resultStored(resultKey: number): Promise<void>;
  /** A live build began: queue `pending` commit statuses. */
  buildBegan(resultKey: number): Promise<void>;
}

export interface ResultNotifierOptions {
  store: Store;
  channels: readonly NotificationChannel[];
  publicUrl: string | null;
  /** Unix seconds. */
  now: () => number;
  log: (line: string) => void;
  /** Tells the worker that something was queued. */
  wake: () => void;
}

/** The notifier; with no channel configured it reads nothing and costs nothing. */
export function createResultNotifier(options: ResultNotifierOptions): ResultNotifier {
  const { store, channels, publicUrl, log } = options;
  const notify = async (what: string, resultKey: number, describe: () => Promise<Notice | undefined>) => {
    if (channels.length === 0) {
      return;
    }
    try {
      const notice = await describe();
      if (notice && (await queueNotice(store, channels, notice, options.now())) > 0) {
        options.wake();
      }
    } catch (error) {
      log(`queuing the notifications of ${what} ${resultKey} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    resultStored: (resultKey) => notify('result', resultKey, () => describeResult(store, resultKey, publicUrl)),
    buildBegan: (resultKey) => notify('live build', resultKey, () => describeBuildBegan(store, resultKey, publicUrl)),
  };
}

/** Queues what every channel makes of the notice; answers how many deliveries were new. */
export function queueNotice(store: Store, channels: readonly NotificationChannel[], notice: Notice, at: number): Promise<number> {
  const deliveries: NewDelivery[] = channels.flatMap((channel) => channel.deliveriesFor(notice));
  return store.enqueueDeliveries(deliveries, at);
}

// The notifications of one server process: the delivery worker with its handlers. startServer
// starts it and stops it before the store closes.
import type { ServerConfig } from '../config/types.ts';
import type { Store } from '../store/types.ts';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker.ts';

export interface NotificationsOptions {
  store: Store;
  config: ServerConfig;
  /** Unix seconds. */
  now: () => number;
  log: (line: string) => void;
}

export interface Notifications {
  /** Other kinds (e-mail) register their handlers here. */
  worker: DeliveryWorker;
  /** Stops the worker, waiting (bounded) for the deliveries in hand. */
  stop(): Promise<void>;
}

/** Starts the delivery worker over the store. */
export function startNotifications(options: NotificationsOptions): Notifications {
  const worker = createDeliveryWorker({
    store: options.store, policy: options.config.notifications.deliveries, now: options.now, log: options.log,
  });
  worker.start();
  return { worker, stop: () => worker.stop() };
}

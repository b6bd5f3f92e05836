// The notifications of one server process: the channels the configuration asks for, the hook
// the coordinator calls after storing a result (one notify row), and the worker that works those
// rows out into deliveries and sends them, with a handler per kind. startServer starts the worker
// once it listens, and stops it before the store closes.
import type http from 'node:http';
import type { ServerConfig } from '../config/types.ts';
import type { Store } from '../store/types.ts';
import { createCommitStatusChannel, createCommitStatusHandler } from './commit-statuses.ts';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker.ts';
import { createEmailChannel, createEmailHandler } from './email-channel.ts';
import { createNotifyFanOut } from './fan-out-notifications.ts';
import type { NotificationChannel } from './notice-types.ts';
import { createRequestPacer } from './request-pacer.ts';
import { createResultNotifier, type ResultNotifier } from './notify-results.ts';
import { createBuilderWatch } from './watch-expected-builders.ts';
import { createWebhookChannel, createWebhookHandler } from './webhooks.ts';

export interface NotificationsOptions {
  store: Store;
  config: ServerConfig;
  /** Unix seconds. */
  now: () => number;
  log: (line: string) => void;
  /** More channels (e-mail), beside the webhooks and commit statuses of the configuration. */
  channels?: readonly NotificationChannel[];
}

export interface Notifications {
  /** Other kinds (e-mail) register their handlers here. */
  worker: DeliveryWorker;
  /** For the coordinator: queues what a stored result or a begun build announces. */
  notifier: ResultNotifier;
  /** Starts the worker; it yields to the writes `server` is answering. */
  start(server: http.Server): void;
  /** Stops the worker, waiting (bounded) for the deliveries in hand. */
  stop(): Promise<void>;
}

/** The notifications over the store; nothing is sent before start(). */
export function createNotifications(options: NotificationsOptions): Notifications {
  const { store, config, now, log } = options;
  const { webhooks, commitStatuses, deliveries } = config.notifications;
  const channels = [
    ...(webhooks.length > 0 ? [createWebhookChannel(webhooks)] : []),
    ...(commitStatuses.length > 0 ? [createCommitStatusChannel(commitStatuses)] : []),
    ...(config.email.rules.length > 0 ? [createEmailChannel(config.email.rules)] : []),
    ...(options.channels ?? []),
  ];
  let wake = () => {};
  const pacer = createRequestPacer();
  const worker = createDeliveryWorker({
    store, policy: deliveries, now, log, pace: pacer.pace,
    periodic: createBuilderWatch({ store, expected: config.expected, channels, publicUrl: config.publicUrl, now, wake: () => wake() }),
    fanOut: channels.length === 0 ? undefined : createNotifyFanOut({ store, channels, publicUrl: config.publicUrl, now, log, wake: () => wake() }),
  });
  wake = worker.wake;
  worker.registerHandler('webhook', createWebhookHandler(webhooks, deliveries.timeoutSeconds));
  worker.registerHandler('commit_status', createCommitStatusHandler(commitStatuses, deliveries.timeoutSeconds));
  if (config.email.smtp !== null) {
    worker.registerHandler('email', createEmailHandler(config.email.smtp));
  }
  return {
    worker,
    notifier: createResultNotifier({ store, channels, now, log, wake: worker.wakeFanOut }),
    start(server) {
      pacer.watch(server);
      worker.start();
    },
    stop: () => worker.stop(),
  };
}

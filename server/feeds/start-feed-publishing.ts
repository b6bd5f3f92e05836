// Starts WebSub publishing when a hub is configured: the coordinator the app uses then tells
// the hub of every feed a stored result changed. Without a hub it changes nothing.
import type { Coordinator } from '../coordinator/types.ts';
import { publishFeedChanges } from './publish-feed-changes.ts';
import { createWebSubPublisher, type WebSubPublisher } from './websub-publisher.ts';

export interface FeedPublishingOptions {
  hub: string | null;
  /** The configuration's public_url; the feeds' URLs are built on it, else on the server's own URL. */
  publicUrl: string | null;
  log: (line: string) => void;
  /** Seconds before the second attempt of a publish; tests shorten it. Default 1 s. */
  firstRetryMs?: number;
}

export interface FeedPublishing {
  coordinator: Coordinator;
  /** The server's own URL once it listens (with its base path), for feeds' URLs when public_url is not set. */
  setServerUrl(url: string): void;
  publisher: WebSubPublisher | undefined;
  stop(): void;
}

export function startFeedPublishing(coordinator: Coordinator, options: FeedPublishingOptions): FeedPublishing {
  let serverUrl = '';
  if (options.hub === null) {
    return { coordinator, setServerUrl: () => {}, publisher: undefined, stop: () => {} };
  }
  if (options.publicUrl === null) {
    options.log(`WebSub: public_url is not set, so publishes name feeds at the server's own address; set public_url to the address subscribers use`);
  }
  const publisher = createWebSubPublisher({ hub: options.hub, log: options.log, firstRetryMs: options.firstRetryMs });
  return {
    coordinator: publishFeedChanges(coordinator, {
      publisher,
      siteUrl: () => options.publicUrl ?? serverUrl.replace(/\/+$/, ''),
      log: options.log,
    }),
    setServerUrl: (url) => {
      serverUrl = url;
    },
    publisher,
    stop: () => publisher.close(),
  };
}

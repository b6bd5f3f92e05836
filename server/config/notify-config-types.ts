// The notification keys of the configuration file (README "Notifications"), as the server uses them.
import type { NotificationEvent } from '../notify/delivery-types.ts';

/** A receiver of signed JSON POSTs (docs/PROTOCOL.md, "Webhooks"). */
export interface WebhookTarget {
  url: string;
  /** The HMAC-SHA256 key of X-Pony-Build-Signature-256; never logged or shown. */
  secret: string;
  events: NotificationEvent[];
  /** Only these packages' events; null for every package. */
  packages: string[] | null;
}

/** A forge that takes commit statuses (GitHub's API, or one that speaks it: Gitea, Forgejo). */
export interface CommitStatusTarget {
  /** The API's base URL, e.g. `https://api.github.com`, without a trailing slash. */
  api: string;
  /** Sent as `Authorization: Bearer`; never logged or shown. */
  token: string;
  /** `owner/repo`, lower case, as normaliseRepository makes them. */
  repositories: string[];
}

/** How the delivery queue retries. */
export interface DeliveryPolicy {
  /** Attempts before a delivery ends as `failed`. */
  maxAttempts: number;
  /** Seconds to wait after the 1st, 2nd, ... failed attempt; the last repeats. */
  retryDelaysSeconds: number[];
  /** Seconds one HTTP attempt may take. */
  timeoutSeconds: number;
  /** Seconds between two checks of the expected builders for builder_missing and builder_stale. */
  builderCheckSeconds: number;
}

export interface NotificationConfig {
  webhooks: WebhookTarget[];
  commitStatuses: CommitStatusTarget[];
  deliveries: DeliveryPolicy;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 8,
  retryDelaysSeconds: [10, 60, 300, 1800, 7200, 21_600, 43_200],
  timeoutSeconds: 10,
  builderCheckSeconds: 60,
};

export const EMPTY_NOTIFICATION_CONFIG: NotificationConfig = {
  webhooks: [],
  commitStatuses: [],
  deliveries: DEFAULT_DELIVERY_POLICY,
};

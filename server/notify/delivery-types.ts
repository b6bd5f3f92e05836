// The durable delivery queue (README "Notifications"): every webhook call, commit status and
// e-mail is a row in the store first, then a background worker sends it, retrying with backoff.
// A row is claimed by writing a lease on it, so several server processes may share a database
// and a process killed mid-delivery leaves the row to be retried once its lease runs out.

/** What a delivery is: each kind has one handler in the worker. */
export type DeliveryKind = 'webhook' | 'commit_status' | 'email' | (string & {});

/**
 * `pending` until a handler succeeds (`delivered`) or the attempts run out (`failed`); a newer
 * delivery of the same sequence (a commit status of the same commit and context) leaves one not
 * yet begun `superseded`.
 */
export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'superseded';

export const DELIVERY_STATES: readonly DeliveryState[] = ['pending', 'delivered', 'failed', 'superseded'];

/** The events a result or an expected builder gives rise to (docs/PROTOCOL.md, "Webhooks"). */
export const NOTIFICATION_EVENTS = ['result', 'broke', 'fixed', 'still_failing', 'builder_missing', 'builder_stale'] as const;

export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** A delivery as it is queued. */
export interface NewDelivery {
  kind: DeliveryKind;
  /** What the delivery log shows as its destination; never a secret (a URL without credentials, a repository, an address). */
  target: string;
  /** The event it announces, e.g. `broke`, or `pending` for a commit status. */
  event: string;
  /**
   * Queuing the same key twice queues it once: a resent submission, or two server processes
   * noticing the same builder, do not notify twice.
   */
  dedupeKey: string;
  /**
   * Deliveries with the same sequence key go out one at a time in the order queued, and queuing
   * one supersedes those not begun: a commit status must not be overtaken by an older one.
   */
  sequenceKey?: string;
  /** What the kind's handler needs, as JSON; never secrets, which the handler reads from the configuration. */
  payload: unknown;
}

/** A delivery as the store keeps it. */
export interface DeliveryRecord {
  /** The row's key, for the log's order. */
  key: number;
  /** Unique, and the same across retries, so receivers can drop duplicates (X-Pony-Build-Delivery). */
  id: string;
  kind: DeliveryKind;
  target: string;
  event: string;
  payload: unknown;
  state: DeliveryState;
  /** Attempts begun, including one in hand. */
  attempts: number;
  /** Unix seconds. */
  createdAt: number;
  /** Unix seconds of the next attempt while pending; when it was last tried otherwise. */
  nextAttemptAt: number;
  /** Unix seconds until which a worker holds the row; null when nobody does. */
  lockedUntil: number | null;
  /** The HTTP status of the last attempt, or null (none yet, or no answer). */
  lastStatus: number | null;
  /** Milliseconds the last attempt took, or null. */
  lastResponseMs: number | null;
  /** Why the last attempt failed, or null. */
  lastError: string | null;
}

/** What one attempt came to, as the worker records it. */
export interface DeliveryAttempt {
  state: DeliveryState;
  /** Unix seconds of the next attempt when still pending. */
  nextAttemptAt: number;
  lastStatus: number | null;
  lastResponseMs: number | null;
  lastError: string | null;
}

/** What a handler answers: success, or a failure to retry (a thrown error counts as one too). */
export interface HandlerAnswer {
  ok: boolean;
  status: number | null;
  error: string | null;
  /** Retrying cannot help (its target is no longer configured): the delivery fails now. */
  giveUp?: boolean;
}

/** Sends one delivery; `signal` aborts when the server closes. */
export type DeliveryHandler = (delivery: DeliveryRecord, signal: AbortSignal) => Promise<HandlerAnswer>;

/** What the request path queues about a result: a live build began, or a result was stored whole or a live build finished. */
export type NotifyEvent = 'begin' | 'finished';

/** A queued notify row, as a worker claims it to work out its deliveries. */
export interface NotifyRow {
  key: number;
  resultKey: number;
  event: NotifyEvent;
  /** Attempts begun, including the one in hand. */
  attempts: number;
}

export interface DeliveryQuery {
  /** At most this many, newest first. */
  limit: number;
  state?: DeliveryState;
}

/** What the store keeps of the queue. */
export interface DeliveryStore {
  /** Queues deliveries due at `at`, skipping those whose dedupe key is already queued, superseding older ones of their sequence; answers how many were new. */
  enqueueDeliveries(deliveries: readonly NewDelivery[], at: number): Promise<number>;
  /**
   * Takes the oldest due pending delivery of one of `kinds` by writing a lease until `lockedUntil`
   * and counting the attempt, in one UPDATE, so two processes never take the same row.
   */
  claimDelivery(kinds: readonly string[], now: number, lockedUntil: number): Promise<DeliveryRecord | undefined>;
  /** Records an attempt; only the holder of the lease (`lockedUntil` as claimed) may. True when recorded. */
  finishDeliveryAttempt(key: number, lockedUntil: number, attempt: DeliveryAttempt): Promise<boolean>;
  /** When the next pending delivery of one of `kinds` is due (its lease counted), or undefined when none is pending. */
  findNextDeliveryTime(kinds: readonly string[]): Promise<number | undefined>;
  /** Recent deliveries, newest first. */
  listDeliveries(query: DeliveryQuery): Promise<DeliveryRecord[]>;
  /** The request path's one insert: a row for the worker to work out into deliveries later. */
  addNotifyRow(resultKey: number, event: NotifyEvent, at: number): Promise<void>;
  /**
   * Takes the oldest notify row, when nobody holds it, by writing a lease until `lockedUntil` and
   * counting the attempt. Rows are worked out one at a time in the order queued, by any process,
   * so a commit's `pending` is always queued before its outcome.
   */
  claimNotifyRow(now: number, lockedUntil: number): Promise<NotifyRow | undefined>;
  /**
   * Queues the row's deliveries (as enqueueDeliveries does) and deletes the row, in one
   * transaction; only the holder of the lease may. Answers how many deliveries were new, or
   * undefined when the lease was lost (another worker works the row out again).
   */
  finishNotifyRow(key: number, lockedUntil: number, deliveries: readonly NewDelivery[], at: number): Promise<number | undefined>;
  /** Leaves a row that could not be worked out to be taken again at `retryAt`. */
  retryNotifyRow(key: number, lockedUntil: number, retryAt: number): Promise<void>;
  /** When the oldest notify row may be taken (its lease counted), or undefined when none is queued. */
  findNextNotifyTime(): Promise<number | undefined>;
  /** What was last announced about each expected builder, by its key. */
  readBuilderAnnouncements(): Promise<Map<string, string>>;
  /** Remembers the state last announced about an expected builder, so a restart does not announce it again. */
  writeBuilderAnnouncement(builderKey: string, state: string, at: number): Promise<void>;
}

// What the server announces (docs/PROTOCOL.md, "Webhooks"): one notice per stored result, per
// live build begun, and per expected builder gone missing or stale. Channels (webhooks, commit
// statuses, e-mail) turn a notice into deliveries; a notice is the webhook payload as sent.
import type { ResultChange } from '../rules/classify-change.ts';
import type { ResultOutcome } from '../rules/summarize-outcomes.ts';
import type { NewDelivery, NotificationEvent } from './delivery-types.ts';

/** A result as notices describe it: the fields of the webhook payload (snake_case, as sent). */
export interface ResultFacts {
  package: string;
  /** The visible tags of the result's tagset. */
  tagset: string[];
  host: string;
  arch: string;
  result_key: number;
  /** `public_url` + `/results/<key>`, or the site-root-relative path when public_url is not set. */
  result_url: string;
  /** `passed`, `failed`, or `unknown` when the client sent no success flag. */
  status: ResultOutcome;
  change: ResultChange;
  revision: string | null;
  repository: string | null;
  first_failing_step: { number: number; name: string } | null;
  /** At most FAILING_TESTS_SENT names, `suite.name` (or `name` without a suite). */
  failing_tests: string[];
  failing_test_count: number;
  /** When the server received the result, ISO 8601 UTC. */
  time: string;
}

/** A finished result: `events` holds `result` and, when its outcome changed or stayed failing, broke, fixed or still_failing. */
export interface ResultNotice {
  type: 'result';
  events: NotificationEvent[];
  facts: ResultFacts;
  /** Every repository and revision the client named (client_info and its checkouts), for commit statuses. */
  checkouts: Array<{ repository: string; revision: string }>;
}

/** A live build began: commit statuses go `pending`. */
export interface BuildBeganNotice {
  type: 'began';
  facts: ResultFacts;
  checkouts: Array<{ repository: string; revision: string }>;
}

/** An expected builder (configuration's `expected`) went missing or stale. */
export interface BuilderNotice {
  type: 'builder';
  event: 'builder_missing' | 'builder_stale';
  facts: BuilderFacts;
}

/** The webhook payload of builder_missing and builder_stale. */
export interface BuilderFacts {
  package: string;
  host: string | null;
  arch: string | null;
  tags: string[];
  max_age_seconds: number;
  /** The newest matching result, or null when there was never one. */
  latest_result_key: number | null;
  latest_result_url: string | null;
  latest_time: string | null;
  /** When the server noticed, ISO 8601 UTC. */
  time: string;
}

export type Notice = ResultNotice | BuildBeganNotice | BuilderNotice;

/** Turns notices into deliveries; none when it has nothing to say about one. */
export interface NotificationChannel {
  deliveriesFor(notice: Notice): NewDelivery[];
}

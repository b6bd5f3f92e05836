// The notification keys of the configuration file: public_url, webhooks, commit_status and
// deliveries (README "Notifications"). Problems are collected with their JSON path; secrets and
// tokens are never quoted back, only described.
import { describeValue } from '../../wire/describe-value.ts';
import { NOTIFICATION_EVENTS, type NotificationEvent } from '../notify/delivery-types.ts';
import { normaliseRepository } from '../notify/normalise-repository.ts';
import {
  DEFAULT_DELIVERY_POLICY,
  type CommitStatusTarget,
  type DeliveryPolicy,
  type NotificationConfig,
  type WebhookTarget,
} from './notify-config-types.ts';
import { parseDuration } from './parse-duration.ts';
import { isObject, reportUnknownKeys } from './parse-server-config.ts';

export const NOTIFY_TOP_LEVEL_KEYS = ['public_url', 'webhooks', 'commit_status', 'deliveries'];
const WEBHOOK_KEYS = ['url', 'secret', 'events', 'packages'];
const COMMIT_STATUS_KEYS = ['api', 'token', 'repositories'];
const DELIVERY_KEYS = ['max_attempts', 'retry_delays', 'timeout', 'builder_check'];
const HTTP_URL = /^https?:\/\/[^/\s]+[^\s]*$/;

/** `public_url` without a trailing slash, or null when absent. */
export function readPublicUrl(value: unknown, problems: string[]): string | null {
  if (value === undefined) {
    return null;
  }
  if (typeof value !== 'string' || !HTTP_URL.test(value) || /[?#]/.test(value)) {
    problems.push(`public_url: expected the site's http:// or https:// address, such as "https://ci.example.org/ci", got ${describeValue(value)}`);
    return null;
  }
  return value.replace(/\/+$/, '');
}

/** The webhooks, commit statuses and delivery policy of the document. */
export function readNotificationConfig(document: Record<string, unknown>, problems: string[]): NotificationConfig {
  return {
    webhooks: readArray(document.webhooks, 'webhooks', problems).flatMap((entry, index) => readWebhook(entry, `webhooks[${index}]`, problems) ?? []),
    commitStatuses: readArray(document.commit_status, 'commit_status', problems)
      .flatMap((entry, index) => readCommitStatus(entry, `commit_status[${index}]`, problems) ?? []),
    deliveries: readDeliveryPolicy(document.deliveries, problems),
  };
}

function readArray(value: unknown, key: string, problems: string[]): unknown[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push(`${key}: expected an array of objects, got ${describeValue(value)}`);
    return [];
  }
  return value;
}

function readWebhook(entry: unknown, path: string, problems: string[]): WebhookTarget | undefined {
  if (!isObject(entry)) {
    problems.push(`${path}: expected an object with "url", "secret" and "events", got ${describeValue(entry)}`);
    return undefined;
  }
  const before = problems.length;
  reportUnknownKeys(entry, WEBHOOK_KEYS, path, problems);
  const url = readHttpUrl(entry.url, `${path}.url`, problems);
  const secret = readSecret(entry.secret, `${path}.secret`, problems);
  const events = readEvents(entry.events, `${path}.events`, problems);
  const packages = entry.packages === undefined ? null : readStrings(entry.packages, `${path}.packages`, 'package names', problems);
  return problems.length > before ? undefined : { url: url!, secret: secret!, events, packages };
}

function readCommitStatus(entry: unknown, path: string, problems: string[]): CommitStatusTarget | undefined {
  if (!isObject(entry)) {
    problems.push(`${path}: expected an object with "api", "token" and "repositories", got ${describeValue(entry)}`);
    return undefined;
  }
  const before = problems.length;
  reportUnknownKeys(entry, COMMIT_STATUS_KEYS, path, problems);
  const api = readHttpUrl(entry.api, `${path}.api`, problems);
  const token = readSecret(entry.token, `${path}.token`, problems);
  const repositories = readStrings(entry.repositories, `${path}.repositories`, 'repositories such as "owner/repo"', problems)
    .flatMap((repository, index) => {
      const name = normaliseRepository(repository);
      if (name === undefined) {
        problems.push(`${path}.repositories[${index}]: expected "owner/repo" or a repository URL, got ${describeValue(repository)}`);
      }
      return name ?? [];
    });
  return problems.length > before ? undefined : { api: api!.replace(/\/+$/, ''), token: token!, repositories };
}

function readDeliveryPolicy(value: unknown, problems: string[]): DeliveryPolicy {
  if (value === undefined) {
    return DEFAULT_DELIVERY_POLICY;
  }
  if (!isObject(value)) {
    problems.push(`deliveries: expected an object with "max_attempts", "retry_delays", "timeout" or "builder_check", got ${describeValue(value)}`);
    return DEFAULT_DELIVERY_POLICY;
  }
  reportUnknownKeys(value, DELIVERY_KEYS, 'deliveries', problems);
  const policy = { ...DEFAULT_DELIVERY_POLICY };
  if (value.max_attempts !== undefined) {
    if (Number.isSafeInteger(value.max_attempts) && (value.max_attempts as number) >= 1) {
      policy.maxAttempts = value.max_attempts as number;
    } else {
      problems.push(`deliveries.max_attempts: expected a whole number of attempts, 1 or more, got ${describeValue(value.max_attempts)}`);
    }
  }
  if (value.retry_delays !== undefined) {
    const delays = Array.isArray(value.retry_delays) ? value.retry_delays.map((delay) => parseDuration(delay)) : [];
    if (delays.length > 0 && delays.every((delay) => delay !== undefined)) {
      policy.retryDelaysSeconds = delays as number[];
    } else {
      problems.push(`deliveries.retry_delays: expected a non-empty array of durations such as "10s" or numbers of seconds, got ${describeValue(value.retry_delays)}`);
    }
  }
  policy.timeoutSeconds = readDeliveryDuration(value, 'timeout', problems) ?? policy.timeoutSeconds;
  policy.builderCheckSeconds = readDeliveryDuration(value, 'builder_check', problems) ?? policy.builderCheckSeconds;
  return policy;
}

function readDeliveryDuration(deliveries: Record<string, unknown>, key: string, problems: string[]): number | undefined {
  if (deliveries[key] === undefined) {
    return undefined;
  }
  const seconds = parseDuration(deliveries[key]);
  if (seconds === undefined) {
    problems.push(`deliveries.${key}: expected a duration such as "10s" or a number of seconds, got ${describeValue(deliveries[key])}`);
  }
  return seconds;
}

function readHttpUrl(value: unknown, path: string, problems: string[]): string | undefined {
  if (typeof value !== 'string' || !HTTP_URL.test(value)) {
    problems.push(`${path}: expected an http:// or https:// URL, got ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

// A secret is described by its type only, so a mistake in one never prints it.
function readSecret(value: unknown, path: string, problems: string[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    const shape = typeof value === 'string' ? 'an empty string' : value === undefined ? 'nothing' : `a ${Array.isArray(value) ? 'array' : typeof value}`;
    problems.push(`${path}: expected a non-empty string, got ${shape}`);
    return undefined;
  }
  return value;
}

function readEvents(value: unknown, path: string, problems: string[]): NotificationEvent[] {
  const known = NOTIFICATION_EVENTS as readonly string[];
  const events = readStrings(value, path, `events (${NOTIFICATION_EVENTS.join(', ')})`, problems);
  if (Array.isArray(value) && events.length === 0) {
    problems.push(`${path}: expected at least one event of ${NOTIFICATION_EVENTS.join(', ')}, got an empty array`);
  }
  events.forEach((event, index) => {
    if (!known.includes(event)) {
      problems.push(`${path}[${index}]: expected one of ${NOTIFICATION_EVENTS.join(', ')}, got ${describeValue(event)}`);
    }
  });
  return events.filter((event): event is NotificationEvent => known.includes(event));
}

function readStrings(value: unknown, path: string, what: string, problems: string[]): string[] {
  if (!Array.isArray(value)) {
    problems.push(`${path}: expected an array of ${what}, got ${describeValue(value)}`);
    return [];
  }
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') {
      problems.push(`${path}[${index}]: expected a non-empty string, got ${describeValue(item)}`);
    }
  });
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

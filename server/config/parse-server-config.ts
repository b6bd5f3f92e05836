// Checks a parsed configuration file and turns it into a ServerConfig. Every problem is
// collected, with its JSON path, and reported together.
import { describeValue } from '../../wire/describe-value.ts';
import { readAuthPolicy } from './parse-auth-policy.ts';
import { parseDuration } from './parse-duration.ts';
import { readLimits } from './parse-limits.ts';
import { readEmailConfig } from './parse-email-config.ts';
import { readHookConfig } from './parse-hook-config.ts';
import { EMPTY_EMAIL_CONFIG } from './email-config-types.ts';
import { EMPTY_HOOK_CONFIG } from './hook-config-types.ts';
import { NOTIFY_TOP_LEVEL_KEYS, readNotificationConfig, readPublicUrl } from './parse-notify-config.ts';
import { ServerConfigError } from './server-config-error.ts';
import { readWebSubHub } from './parse-websub-hub.ts';
import {
  DEFAULT_ANONYMOUS_BYTES_PER_DAY,
  DEFAULT_LIMITS,
  DEFAULT_LIVE_HEARTBEAT_SECONDS,
  DEFAULT_RETENTION_INTERVAL_SECONDS,
  EMPTY_SERVER_CONFIG,
  REVISION_PLACEHOLDER,
  type AuthPolicy,
  type CommitLink,
  type ExpectedBuilder,
  type LivePolicy,
  type RetentionPolicy,
  type ServerConfig,
} from './types.ts';

type JsonObject = Record<string, unknown>;

const TOP_LEVEL_KEYS = ['expected', 'retention', 'live', 'auth', 'commit_links', 'limits', 'hooks', 'smtp', 'email', ...NOTIFY_TOP_LEVEL_KEYS, 'websub_hub'];
const EXPECTED_KEYS = ['package', 'host', 'arch', 'tags', 'max_age'];
const RETENTION_KEYS = ['keep_last', 'max_age_days', 'interval'];
const LIVE_KEYS = ['abandon_after', 'heartbeat'];
const COMMIT_LINK_KEYS = ['repository', 'url'];
const DURATION = 'a duration such as "26h" or a number of seconds';

/** The configuration, or a ServerConfigError listing every problem. */
export function parseServerConfig(document: unknown, source?: string): ServerConfig {
  const problems: string[] = [];
  const config = readConfig(document, problems);
  if (problems.length > 0) {
    throw new ServerConfigError(problems, source);
  }
  return config;
}

function readConfig(document: unknown, problems: string[]): ServerConfig {
  const retention: RetentionPolicy = { keepLast: null, maxAgeDays: null, intervalSeconds: DEFAULT_RETENTION_INTERVAL_SECONDS };
  const live: LivePolicy = { abandonAfterSeconds: null, heartbeatSeconds: DEFAULT_LIVE_HEARTBEAT_SECONDS };
  const auth: AuthPolicy = { mode: 'open', anonymousBytesPerDay: DEFAULT_ANONYMOUS_BYTES_PER_DAY };
  if (!isObject(document)) {
    problems.push(`(top level): expected an object with "expected", "retention", "live", "auth", "commit_links" or "limits", got ${describeValue(document)}`);
    return { ...EMPTY_SERVER_CONFIG, retention, live, auth };
  }
  reportUnknownKeys(document, TOP_LEVEL_KEYS, '', problems);
  return {
    expected: readExpected(document.expected, problems),
    retention: readRetention(document.retention, problems) ?? retention,
    live: readLive(document.live, problems) ?? live,
    auth: readAuthPolicy(document.auth, problems) ?? auth,
    commitLinks: readCommitLinks(document.commit_links, problems),
    limits: readLimits(document.limits, problems) ?? DEFAULT_LIMITS,
    hooks: readHookConfig(document.hooks, problems) ?? EMPTY_HOOK_CONFIG,
    email: readEmailConfig(document.smtp, document.email, problems) ?? EMPTY_EMAIL_CONFIG,
    publicUrl: readPublicUrl(document.public_url, problems),
    notifications: readNotificationConfig(document, problems),
    websubHub: readWebSubHub(document.websub_hub, problems),
  };
}

function readExpected(value: unknown, problems: string[]): ExpectedBuilder[] {
  return readList(value, 'expected', 'expected builders', readExpectedBuilder, problems);
}

/** The entries of the array at `key` that `readEntry` could read; problems with the others are collected. */
function readList<Entry>(
  value: unknown,
  key: string,
  entries: string,
  readEntry: (entry: unknown, path: string, problems: string[]) => Entry | undefined,
  problems: string[],
): Entry[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push(`${key}: expected an array of ${entries}, got ${describeValue(value)}`);
    return [];
  }
  return value.flatMap((entry, index) => {
    const read = readEntry(entry, `${key}[${index}]`, problems);
    return read === undefined ? [] : [read];
  });
}

function readExpectedBuilder(entry: unknown, path: string, problems: string[]): ExpectedBuilder | undefined {
  if (!isObject(entry)) {
    problems.push(`${path}: expected an object with "package" and "max_age", got ${describeValue(entry)}`);
    return undefined;
  }
  reportUnknownKeys(entry, EXPECTED_KEYS, path, problems);
  const before = problems.length;
  const packageName = readName(entry.package, `${path}.package`, true, problems);
  const host = readName(entry.host, `${path}.host`, false, problems);
  const arch = readName(entry.arch, `${path}.arch`, false, problems);
  const tags = readTags(entry.tags, `${path}.tags`, problems);
  const maxAgeSeconds = parseDuration(entry.max_age);
  if (maxAgeSeconds === undefined) {
    problems.push(`${path}.max_age: expected ${DURATION}, got ${describeValue(entry.max_age)}`);
  }
  if (problems.length > before) {
    return undefined;
  }
  return { package: packageName!, host: host ?? null, arch: arch ?? null, tags, maxAgeSeconds: maxAgeSeconds! };
}

function readRetention(value: unknown, problems: string[]): RetentionPolicy | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.push(`retention: expected an object with "keep_last", "max_age_days" or "interval", got ${describeValue(value)}`);
    return undefined;
  }
  reportUnknownKeys(value, RETENTION_KEYS, 'retention', problems);
  const policy: RetentionPolicy = { keepLast: null, maxAgeDays: null, intervalSeconds: DEFAULT_RETENTION_INTERVAL_SECONDS };
  if (value.keep_last !== undefined) {
    if (Number.isSafeInteger(value.keep_last) && (value.keep_last as number) >= 1) {
      policy.keepLast = value.keep_last as number;
    } else {
      problems.push(`retention.keep_last: expected a whole number of results, 1 or more, got ${describeValue(value.keep_last)}`);
    }
  }
  if (value.max_age_days !== undefined) {
    if (typeof value.max_age_days === 'number' && Number.isFinite(value.max_age_days) && value.max_age_days > 0) {
      policy.maxAgeDays = value.max_age_days;
    } else {
      problems.push(`retention.max_age_days: expected a number of days above 0, got ${describeValue(value.max_age_days)}`);
    }
  }
  if (value.interval !== undefined) {
    const seconds = parseDuration(value.interval);
    if (seconds !== undefined && seconds >= 1) {
      policy.intervalSeconds = seconds;
    } else {
      problems.push(`retention.interval: expected ${DURATION}, at least 1 second, got ${describeValue(value.interval)}`);
    }
  }
  return policy;
}

function readLive(value: unknown, problems: string[]): LivePolicy | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.push(`live: expected an object with "abandon_after" or "heartbeat", got ${describeValue(value)}`);
    return undefined;
  }
  reportUnknownKeys(value, LIVE_KEYS, 'live', problems);
  return {
    abandonAfterSeconds: readLiveDuration(value, 'abandon_after', problems) ?? null,
    heartbeatSeconds: readLiveDuration(value, 'heartbeat', problems) ?? DEFAULT_LIVE_HEARTBEAT_SECONDS,
  };
}

/** The duration at `live.<key>` in seconds; undefined when it is absent or wrong (a problem then says so). */
function readLiveDuration(live: JsonObject, key: string, problems: string[]): number | undefined {
  if (live[key] === undefined) {
    return undefined;
  }
  const seconds = parseDuration(live[key]);
  if (seconds === undefined) {
    problems.push(`live.${key}: expected ${DURATION}, got ${describeValue(live[key])}`);
  }
  return seconds;
}

function readCommitLinks(value: unknown, problems: string[]): CommitLink[] {
  return readList(value, 'commit_links', '{"repository", "url"} objects', readCommitLink, problems);
}

// The URL becomes a link on every result page, so only a web address with a place for the revision will do.
function readCommitLink(entry: unknown, path: string, problems: string[]): CommitLink | undefined {
  if (!isObject(entry)) {
    problems.push(`${path}: expected an object with "repository" and "url", got ${describeValue(entry)}`);
    return undefined;
  }
  reportUnknownKeys(entry, COMMIT_LINK_KEYS, path, problems);
  const repository = readName(entry.repository, `${path}.repository`, true, problems);
  const url = entry.url;
  if (typeof url !== 'string' || !/^https?:\/\/[^/\s]+/.test(url) || !url.includes(REVISION_PLACEHOLDER)) {
    problems.push(`${path}.url: expected an http:// or https:// URL holding ${REVISION_PLACEHOLDER}, got ${describeValue(url)}`);
    return undefined;
  }
  return repository === undefined ? undefined : { repository, url };
}

function readName(value: unknown, path: string, required: boolean, problems: string[]): string | undefined {
  if (value === undefined && !required) {
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${path}: expected a non-empty string, got ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

function readTags(value: unknown, path: string, problems: string[]): string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push(`${path}: expected an array of tags, got ${describeValue(value)}`);
    return [];
  }
  value.forEach((tag, index) => {
    if (typeof tag !== 'string' || tag === '') {
      problems.push(`${path}[${index}]: expected a non-empty string, got ${describeValue(tag)}`);
    } else if (tag.startsWith('__')) {
      problems.push(`${path}[${index}]: tags beginning with "__" are made by the server; use "host" or "arch" instead of ${JSON.stringify(tag)}`);
    }
  });
  return value.filter((tag): tag is string => typeof tag === 'string');
}

export function reportUnknownKeys(object: JsonObject, known: string[], path: string, problems: string[]): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      const where = path === '' ? key : `${path}.${key}`;
      problems.push(`${where}: unknown key; known keys here: ${known.join(', ')}`);
    }
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

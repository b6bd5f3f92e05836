// The server's configuration file, as the server uses it once it has been read and checked.
import { DEFAULT_ARTIFACT_BYTES, DEFAULT_ARTIFACT_QUOTA_BYTES } from './artifact-limits.ts';
import { EMPTY_EMAIL_CONFIG, type EmailConfig } from './email-config-types.ts';
import { EMPTY_HOOK_CONFIG, type HookConfig } from './hook-config-types.ts';
import { EMPTY_NOTIFICATION_CONFIG, type NotificationConfig } from './notify-config-types.ts';

/** A package (and optionally host, arch, tags) that should report at least every `maxAgeSeconds`. */
export interface ExpectedBuilder {
  package: string;
  /** Only results from this host count; null for any host. */
  host: string | null;
  /** Only results for this arch count; null for any arch. */
  arch: string | null;
  /** Visible tags a matching tagset must all carry (it may carry more). */
  tags: string[];
  maxAgeSeconds: number;
}

/**
 * Which results are pruned: those beyond the newest `keepLast` of their tagset, and those older
 * than `maxAgeDays`. The newest result of a tagset is never pruned. Null keeps everything.
 */
export interface RetentionPolicy {
  keepLast: number | null;
  maxAgeDays: number | null;
  /** Seconds between pruning runs. */
  intervalSeconds: number;
}

/** When a live build that stopped calling is given up on (docs/PROTOCOL.md, "Live builds"). */
export interface LivePolicy {
  /** Seconds without a call after which a running build is abandoned; null: its tagset's build allowance. */
  abandonAfterSeconds: number | null;
  /** Seconds between an event stream's keep-alive comments, which also re-read the build. */
  heartbeatSeconds: number;
}

export const DEFAULT_LIVE_HEARTBEAT_SECONDS = 15;

/** Where a repository's commits are shown: `{revision}` in `url` is replaced by the revision, URL-encoded. */
export interface CommitLink {
  /** A repository URL as clients report it; one ending in `/` covers every repository under it. */
  repository: string;
  /** An http(s) URL holding `{revision}`: `https://github.com/org/repo/commit/{revision}`. */
  url: string;
}

export const REVISION_PLACEHOLDER = '{revision}';

/**
 * Who may write (docs/PROTOCOL.md, "Authentication"): `open`, anyone; `tokens`, only clients with
 * a valid client token; `capped`, anonymous clients too, up to `anonymousBytesPerDay` of request
 * bodies per address and UTC day.
 */
export type AuthMode = 'open' | 'tokens' | 'capped';

export const AUTH_MODES: readonly AuthMode[] = ['open', 'tokens', 'capped'];

export interface AuthPolicy {
  mode: AuthMode;
  /** Request-body bytes an anonymous address may write per UTC day in `capped` mode. */
  anonymousBytesPerDay: number;
  /** Every page and JSON read needs an admin session (or, for JSON, a client token); `serve --private`. Default false. */
  private?: boolean;
}

export const DEFAULT_ANONYMOUS_BYTES_PER_DAY = 50 * 1024 * 1024;

/** What the server takes from one client address and keeps of one result (docs/PROTOCOL.md, "Bounds"). */
export interface LimitsPolicy {
  /** Requests one client address may make per minute; past it, 429 with Retry-After. 0 serves every request. */
  requestsPerMinute: number;
  /** Bytes kept of each stream of a step's output: the first half and the last half, with a marker between. */
  stepOutputBytes: number;
  /** Test cases one result may carry; a result with more is refused. */
  testCasesPerResult: number;
  /** Bytes of one uploaded file; a larger one is refused. Never above --max-body. */
  artifactBytes: number;
  /** Bytes all uploaded files may take; past it the oldest files are evicted, never results. */
  artifactQuotaBytes: number;
}

export const DEFAULT_LIMITS: LimitsPolicy = {
  requestsPerMinute: 1200,
  stepOutputBytes: 1024 * 1024,
  testCasesPerResult: 100_000,
  artifactBytes: DEFAULT_ARTIFACT_BYTES,
  artifactQuotaBytes: DEFAULT_ARTIFACT_QUOTA_BYTES,
};

export interface ServerConfig {
  expected: ExpectedBuilder[];
  retention: RetentionPolicy;
  live: LivePolicy;
  auth: AuthPolicy;
  /** The result page links a revision to its commit through the first link that covers its repository. */
  commitLinks: CommitLink[];
  limits: LimitsPolicy;
  /** The push hooks' secrets and repository-to-package map (README "Push hooks"). */
  hooks: HookConfig;
  /** The SMTP server and who is mailed of which changes (README "E-mail"). */
  email: EmailConfig;
  /** The site's own address (`public_url`, no trailing slash), for links in notifications; null: site-root-relative paths. */
  publicUrl: string | null;
  /** Webhooks, commit statuses and how deliveries are retried (README "Notifications"). */
  notifications: NotificationConfig;
  /** The WebSub hub feeds name and publish to (`websub_hub`, README "Feeds"); null: none. */
  websubHub: string | null;
}

export const DEFAULT_RETENTION_INTERVAL_SECONDS = 3600;

/** Keeps every result, expects nothing, abandons live builds after their tagset's build allowance, lets anyone write, links no commit. */
export const EMPTY_SERVER_CONFIG: ServerConfig = {
  expected: [],
  retention: { keepLast: null, maxAgeDays: null, intervalSeconds: DEFAULT_RETENTION_INTERVAL_SECONDS },
  live: { abandonAfterSeconds: null, heartbeatSeconds: DEFAULT_LIVE_HEARTBEAT_SECONDS },
  auth: { mode: 'open', anonymousBytesPerDay: DEFAULT_ANONYMOUS_BYTES_PER_DAY },
  commitLinks: [],
  limits: DEFAULT_LIMITS,
  hooks: EMPTY_HOOK_CONFIG,
  email: EMPTY_EMAIL_CONFIG,
  publicUrl: null,
  notifications: EMPTY_NOTIFICATION_CONFIG,
  websubHub: null,
};

/** True when the policy would prune anything at all. */
export function hasRetentionLimits(policy: RetentionPolicy): boolean {
  return policy.keepLast !== null || policy.maxAgeDays !== null;
}

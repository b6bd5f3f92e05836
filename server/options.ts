// Server options with their defaults, checked once at start so a typo fails loudly.
import type { AuthMode, CommitLink, ServerConfig } from './config/types.ts';
import type { HookConfig } from './config/hook-config-types.ts';

export interface ServerOptions {
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default 8080. */
  port?: number;
  /** SQLite file, or a `postgres://` URL. Default ./pony-build.db; `:memory:` keeps nothing. */
  db?: string;
  /** Where uploaded files are kept; every instance on one PostgreSQL database must share it. Default: `<db>.files/` beside a SQLite file, `./pony-build-files/` for PostgreSQL. */
  dataDir?: string;
  /** Largest request body accepted (XML-RPC, JSON, uploads). Default 32 MiB. */
  maxBodyBytes?: number;
  /** Where request errors and internal failures are written. Default: nowhere. */
  log?: (line: string) => void;
  /** The clock, in Unix seconds; for tests and simulations. */
  now?: () => number;
  /** Expected builders and retention, as read by readServerConfigFile. Default: none, keep everything. */
  config?: ServerConfig;
  /** Behind a reverse proxy: take the client's address, scheme and host from its X-Forwarded-For, -Proto and -Host. Default false: those headers are ignored. */
  trustProxy?: boolean;
  /** Serve every page and route under this sub-path, e.g. `/ci`. Default '': the root. */
  basePath?: string;
}

export interface AppOptions {
  maxBodyBytes?: number;
  log?: (line: string) => void;
  /** Where each repository's commits are shown, from the configuration's `commit_links`. */
  commitLinks?: readonly CommitLink[];
  /** Seconds between the heartbeats of a running build's event stream, from the configuration's `live.heartbeat`. Default 15. */
  liveHeartbeatSeconds?: number;
  /** The largest uploaded file, from the configuration's `limits.artifact_bytes`; never above maxBodyBytes. Default 100 MiB. */
  artifactBytes?: number;
  /** See ServerOptions.trustProxy. */
  trustProxy?: boolean;
  /** Requests one client address may make per minute, from the configuration's `limits.requests_per_minute`; 0 for no limit. Default 1200. */
  requestsPerMinute?: number;
  /** The clock, in Unix seconds, that request budgets are earned back by. */
  now?: () => number;
  /** See ServerOptions.basePath. */
  basePath?: string;
  /** The auth mode, from the configuration's `auth.mode`: unless `open`, only signed-in admins may use the pages' write buttons. Default open. */
  authMode?: AuthMode;
  /** Every page and JSON read needs an admin session (JSON reads: or a client token), from `auth.private` or `serve --private`. Default false. */
  private?: boolean;
  /** The push hooks' secrets and repository map, from the configuration's `hooks`. Default: every hook refused. */
  hooks?: HookConfig;
  /** The configuration's `public_url`: feeds link there rather than to the request's own host. */
  publicUrl?: string | null;
  /** The WebSub hub feeds name with `rel="hub"`, from `websub_hub` or `serve --websub-hub`. */
  websubHub?: string | null;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
export const DEFAULT_DB = './pony-build.db';
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The server was given an option it cannot use. */
export class ServerOptionError extends Error {
  override name = 'ServerOptionError';
  readonly option: string;

  constructor(option: string, expected: string, value: unknown) {
    super(`Expected the \`${option}\` option to be ${expected}, got \`${String(value)}\` (${typeof value})`);
    this.option = option;
  }
}

export function resolveMaxBodyBytes(value: number | undefined): number {
  const maxBodyBytes = value ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new ServerOptionError('maxBodyBytes', 'a positive integer', value);
  }
  return maxBodyBytes;
}

export function resolvePort(value: number | undefined): number {
  const port = value ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ServerOptionError('port', 'an integer from 0 to 65535', value);
  }
  return port;
}

export function ignoreLog(): void {}

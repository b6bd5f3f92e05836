// Opens the store, builds the app, and listens; close() undoes all of it, in order, so it
// is safe to call from a signal handler.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { resolveBasePath } from './http/base-path.ts';
import { EMPTY_SERVER_CONFIG, hasRetentionLimits } from './config/types.ts';
import { createCoordinator } from './coordinator/create-coordinator.ts';
import type { Coordinator } from './coordinator/types.ts';
import { createNotifications, type Notifications } from './notify/start-notifications.ts';
import { DEFAULT_DB, DEFAULT_HOST, ignoreLog, resolveMaxBodyBytes, resolvePort, type ServerOptions } from './options.ts';
import { schedulePruning, type PruningSchedule } from './retention/schedule-pruning.ts';
import { openStore } from './store/open-store.ts';
import { startFeedPublishing } from './feeds/start-feed-publishing.ts';

export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:43123/`, or `http://127.0.0.1:43123/ci/` under a base path. */
  url: string;
  /** Stops accepting requests and background pruning, ends open connections, and closes the database. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = resolvePort(options.port);
  const maxBodyBytes = resolveMaxBodyBytes(options.maxBodyBytes);
  const basePath = resolveBasePath(options.basePath);
  const config = options.config ?? EMPTY_SERVER_CONFIG;
  const store = await openStore(options.db ?? DEFAULT_DB, { filesDirectory: options.dataDir });
  const notifications = createNotifications({ store, config, now: options.now ?? (() => Date.now() / 1000), log: options.log ?? ignoreLog });
  const coordinator = createCoordinator(store, {
    now: options.now,
    expected: config.expected,
    retention: config.retention,
    live: config.live,
    auth: config.auth,
    limits: config.limits,
    artifactQuotaBytes: config.limits.artifactQuotaBytes,
    notifier: notifications.notifier,
  });
  const feeds = startFeedPublishing(coordinator, { hub: config.websubHub, publicUrl: config.publicUrl, log: options.log ?? ignoreLog });
  const app = createApp(feeds.coordinator, {
    maxBodyBytes, log: options.log, commitLinks: config.commitLinks, liveHeartbeatSeconds: config.live.heartbeatSeconds,
    trustProxy: options.trustProxy, basePath,
    requestsPerMinute: config.limits.requestsPerMinute, now: options.now,
    artifactBytes: config.limits.artifactBytes,
    authMode: config.auth.mode, private: config.auth.private,
    hooks: config.hooks,
    publicUrl: config.publicUrl, websubHub: config.websubHub,
  });
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  try {
    server.listen(port, host);
    await once(server, 'listening');
  } catch (error) {
    await coordinator.close();
    throw error;
  }
  notifications.start(server);
  const pruning: PruningSchedule | undefined = hasRetentionLimits(config.retention)
    ? schedulePruning({ policy: config.retention, prune: () => coordinator.pruneResults(), log: options.log ?? ignoreLog })
    : undefined;
  let closing: Promise<void> | undefined;
  const url = formatUrl(host, (server.address() as AddressInfo).port, basePath);
  feeds.setServerUrl(url);
  return {
    url,
    close() {
      feeds.stop();
      closing ??= closeEverything(server, coordinator, pruning, notifications);
      return closing;
    },
  };
}

// Pruning stops between two batches: the coordinator waits for the batch in hand, then closes the store.
async function closeEverything(
  server: http.Server, coordinator: Coordinator, pruning: PruningSchedule | undefined, notifications: Notifications,
): Promise<void> {
  const pruningStopped = pruning?.stop();
  // Event streams of running builds never end by themselves; ending them lets close() be quick.
  coordinator.endFollowers();
  try {
    await closeServer(server);
  } finally {
    // The worker writes each attempt to the store: it stops first.
    await notifications.stop();
    await coordinator.close();
    await pruningStopped;
  }
}

// An idle connection is closed by the server only after its clients (nginx's upstream keepalive and
// load balancers idle for 60 s; undici for less than the server announces) have stopped reusing
// it: a request written on a connection the server is closing fails with "socket hang up" or a
// 502, and on a busy machine Node's default of 5 s loses that race.
const KEEP_ALIVE_MS = 65_000;

// Requests in progress get a short grace period to finish, then their connections are cut.
const CLOSE_GRACE_MS = 3000;

async function closeServer(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
  // Idle keep-alive connections would otherwise hold close() open until they time out.
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
  try {
    await closed;
  } finally {
    clearTimeout(timer);
  }
}

function formatUrl(host: string, port: number, basePath: string): string {
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}${basePath}/`;
}

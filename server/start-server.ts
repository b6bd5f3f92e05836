// Opens the store, builds the app, and listens; close() undoes all of it, in order, so it
// is safe to call from a signal handler.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { createCoordinator } from './coordinator/create-coordinator.ts';
import { DEFAULT_DB, DEFAULT_HOST, resolveMaxBodyBytes, resolvePort, type ServerOptions } from './options.ts';
import { openSqliteStore } from './store/sqlite-store.ts';

export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:43123/`. */
  url: string;
  /** Stops accepting requests, ends open connections, and closes the database. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = resolvePort(options.port);
  const maxBodyBytes = resolveMaxBodyBytes(options.maxBodyBytes);
  const coordinator = createCoordinator(openSqliteStore(options.db ?? DEFAULT_DB), { now: options.now });
  const app = createApp(coordinator, { maxBodyBytes, log: options.log });
  const server = http.createServer(app.callback());
  try {
    server.listen(port, host);
    await once(server, 'listening');
  } catch (error) {
    await coordinator.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: formatUrl(host, (server.address() as AddressInfo).port),
    close() {
      closing ??= closeServer(server).finally(() => coordinator.close());
      return closing;
    },
  };
}

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

function formatUrl(host: string, port: number): string {
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`;
}

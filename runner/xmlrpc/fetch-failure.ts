import type { TransportFailure } from './errors.ts';

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed temporarily',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
};

/**
 * Fetch reports every network failure as `TypeError: fetch failed` with the real reason
 * in `cause`; this digs it out so the message says what happened.
 */
export function describeFetchFailure(
  error: unknown,
  timeoutMs: number,
  url: URL,
): { failure: TransportFailure; description: string } {
  if (isNamed(error, 'TimeoutError')) {
    return { failure: 'timeout', description: `no answer within ${timeoutMs} ms` };
  }
  if (isNamed(error, 'AbortError')) {
    return { failure: 'network', description: 'aborted' };
  }
  const reason = findCause(error);
  const code = typeof reason?.code === 'string' ? reason.code : undefined;
  if (code === 'ECONNREFUSED') {
    return { failure: 'connection-refused', description: NETWORK_CODES[code]! };
  }
  if (code !== undefined && NETWORK_CODES[code] !== undefined) {
    return { failure: 'network', description: NETWORK_CODES[code] };
  }
  const message = reason?.message ?? (error instanceof Error ? error.message : String(error));
  if (message === 'bad port') {
    // The fetch standard refuses ports such as 1, 9, 6000 and 6667 before connecting.
    return { failure: 'network', description: `port ${url.port} is one fetch refuses to connect to; use another port` };
  }
  return { failure: 'network', description: code ? `${message} (${code})` : message };
}

function findCause(error: unknown): { code?: unknown; message?: string } | undefined {
  let current: unknown = error;
  // The innermost cause carries the system error; aggregate errors list one per address.
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const next: unknown = current.cause ?? (current instanceof AggregateError ? current.errors[0] : undefined);
    if (!(next instanceof Error)) {
      return current as { code?: unknown; message?: string };
    }
    current = next;
  }
  return current as { code?: unknown; message?: string } | undefined;
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

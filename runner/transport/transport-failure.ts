import type { TransportFailure } from './transport-error.ts';

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

/** Turns a socket error into a few words that say what happened. */
export function describeTransportFailure(error: unknown, timeoutMs: number): { failure: TransportFailure; description: string } {
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
  return { failure: 'network', description: code ? `${message} (${code})` : message };
}

function findCause(error: unknown): { code?: unknown; message?: string } | undefined {
  let current: unknown = error;
  // Connecting to `localhost` tries each address and reports an AggregateError of them.
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

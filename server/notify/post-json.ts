// One HTTP attempt of a delivery: a JSON POST with a bounded time. A 2xx is delivered; any other
// status, a refused connection or a timeout is a failure the queue retries.
import type { HandlerAnswer } from './delivery-types.ts';

export const USER_AGENT = 'pony-build';

// The start of a receiver's answer is kept in the delivery log: enough to see why it refused.
const ERROR_BODY_CHARACTERS = 200;

/** POSTs `body`; `signal` aborts it early (the server closing). */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutSeconds: number,
  signal: AbortSignal,
): Promise<HandlerAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT, ...headers },
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutSeconds * 1000)]),
      redirect: 'manual',
    });
    const text = await response.text();
    if (response.ok) {
      return { ok: true, status: response.status, error: null };
    }
    const said = text.trim().slice(0, ERROR_BODY_CHARACTERS);
    return { ok: false, status: response.status, error: `HTTP ${response.status}${said === '' ? '' : `: ${said}`}` };
  } catch (error) {
    return { ok: false, status: null, error: describeFetchError(error, timeoutSeconds) };
  }
}

// fetch hides the reason (ECONNREFUSED, a timeout) in `cause`; the log should show it.
function describeFetchError(error: unknown, timeoutSeconds: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${timeoutSeconds} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.code ?? cause?.message ?? message;
}

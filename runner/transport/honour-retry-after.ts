// A server past its limit of requests per client address answers HTTP 429 with Retry-After,
// on XML-RPC as on every path (docs/PROTOCOL.md, "Bounds"). The refused request stored
// nothing, so sending it again is safe: the client waits as long as asked (within a cap), a
// few times, and says so. Past that the 429 stands, and the caller's failure path keeps the
// result (isServerUnavailable counts a 429 as a server that cannot answer now).
import { postDocument, type PostedAnswer } from './post-document.ts';

export interface RetryAfterPolicy {
  /** Waits at most this many times for one request. Default 3. */
  maxWaits: number;
  /** No single wait is longer than this, whatever the server asked. Default 60 s. */
  capMs: number;
  /** How long to wait when a 429 carries no Retry-After we can read. Default 5 s. */
  defaultWaitMs: number;
}

export const DEFAULT_RETRY_AFTER_POLICY: RetryAfterPolicy = { maxWaits: 3, capMs: 60_000, defaultWaitMs: 5_000 };

export interface HonourRetryAfterOptions {
  /** What the request is, for the lines said: `add_results`, `the upload of build.log`. */
  what: string;
  /** Where the lines go. Default stderr. */
  say?: (line: string) => void;
  policy?: Partial<RetryAfterPolicy>;
}

const TOO_MANY_REQUESTS = 429;

/** POSTs the document; a 429 is waited out and the request sent again, at most `maxWaits` times. */
export async function postHonouringRetryAfter(
  target: URL,
  headers: Record<string, string>,
  body: string | Buffer,
  timeoutMs: number,
  options: HonourRetryAfterOptions,
): Promise<PostedAnswer> {
  const policy = { ...DEFAULT_RETRY_AFTER_POLICY, ...options.policy };
  const say = options.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  for (let waits = 0; ; waits++) {
    const answer = await postDocument(target, headers, body, timeoutMs);
    if (answer.status !== TOO_MANY_REQUESTS) {
      return answer;
    }
    if (waits === policy.maxWaits) {
      say(`pony-build: the server still answered HTTP 429 (too many requests) to ${options.what} after ${policy.maxWaits} waits; giving up`);
      return answer;
    }
    const askedMs = readRetryAfter(answer.retryAfter, Date.now());
    const waitMs = Math.min(askedMs ?? policy.defaultWaitMs, policy.capMs);
    const asked = askedMs === undefined ? 'to wait, without a Retry-After we could read,' : `to wait ${formatSeconds(askedMs)}`;
    say(`pony-build: the server asked ${asked} before ${options.what} (HTTP 429, too many requests); `
      + `waiting ${formatSeconds(waitMs)}, then trying again (${waits + 1} of ${policy.maxWaits})`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/**
 * Retry-After in milliseconds from `nowMs`: delay-seconds or an HTTP date (RFC 9110, 10.2.3); a
 * date already past is 0. Undefined when absent or unreadable.
 */
export function readRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  // An HTTP date always names its weekday; a bare number was handled above.
  const date = /[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

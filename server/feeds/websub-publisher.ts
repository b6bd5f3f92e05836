// WebSub publishes (docs/PROTOCOL.md, "Feeds"): after a result is stored, the hub is told which
// feeds changed, one `hub.mode=publish&hub.url=<feed>` POST per feed, so subscribers hear of it
// at once instead of at their next poll.
//
// Kept in memory with its own retries rather than in the durable delivery queue: a publish
// carries no data (the hub fetches the feed itself), is idempotent, and the next result
// publishes the same feeds again, so a ping lost to a restart only delays subscribers until
// then. A store row per feed per result would cost more than it saves.

export interface WebSubPublisherOptions {
  /** The hub's URL. */
  hub: string;
  log: (line: string) => void;
  /** Attempts per feed URL, the first included. Default 5. */
  attempts?: number;
  /** The wait before the second attempt; each later one waits twice as long. Default 1 s. */
  firstRetryMs?: number;
  /** One attempt's time limit. Default 10 s. */
  timeoutMs?: number;
}

export interface WebSubPublisher {
  /** Publishes each URL in the background; never throws, never waits for the hub. */
  publish(feedUrls: readonly string[]): void;
  /** Resolves once every publish in hand has succeeded or given up; for tests and shutdown. */
  settle(): Promise<void>;
  /** Stops retrying and aborts attempts in flight. */
  close(): void;
}

/** The hub answered something other than 2xx. */
export class WebSubHubError extends Error {
  override name = 'WebSubHubError';
  readonly status: number;

  constructor(hub: string, status: number) {
    super(`The WebSub hub ${hub} answered HTTP ${status} to a publish; expected 2xx`);
    this.status = status;
  }
}

export function createWebSubPublisher(options: WebSubPublisherOptions): WebSubPublisher {
  const attempts = options.attempts ?? 5;
  const firstRetryMs = options.firstRetryMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const closing = new AbortController();
  const inHand = new Set<Promise<void>>();

  const publishOne = async (feedUrl: string) => {
    for (let attempt = 1; attempt <= attempts && !closing.signal.aborted; attempt++) {
      try {
        await postPublish(options.hub, feedUrl, AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]));
        return;
      } catch (error) {
        if (closing.signal.aborted) {
          return;
        }
        const last = attempt === attempts;
        options.log(`WebSub publish of ${feedUrl} to ${options.hub} failed (attempt ${attempt} of ${attempts}${last ? ', giving up' : ''}): ${(error as Error).message}`);
        if (!last) {
          await waitOrAbort(firstRetryMs * 2 ** (attempt - 1), closing.signal);
        }
      }
    }
  };

  return {
    publish(feedUrls) {
      for (const feedUrl of new Set(feedUrls)) {
        const running = publishOne(feedUrl).finally(() => inHand.delete(running));
        inHand.add(running);
      }
    },
    async settle() {
      while (inHand.size > 0) {
        await Promise.all(inHand);
      }
    },
    close() {
      closing.abort();
    },
  };
}

async function postPublish(hub: string, feedUrl: string, signal: AbortSignal): Promise<void> {
  const response = await fetch(hub, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feedUrl }).toString(),
    signal,
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status > 299) {
    throw new WebSubHubError(hub, response.status);
  }
}

function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

// Reads a Server-Sent Events response the way a browser's EventSource parses it, one event at
// a time, so a test waits for exactly the event it expects instead of for a length of time.
import type { ExecutionContext } from 'ava';

export interface StreamEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** Either an event or a comment line (a heartbeat), in the order they arrived; `end` once the server closed the stream. */
export type StreamItem = { kind: 'event'; event: StreamEvent } | { kind: 'comment'; text: string } | { kind: 'retry'; ms: number } | { kind: 'end' };

export interface EventStreamReader {
  response: Response;
  /** The next item; after the end, always `end`. */
  next(): Promise<StreamItem>;
  /** The next event, passing over comments and retry fields. */
  nextEvent(): Promise<StreamEvent | undefined>;
  close(): Promise<void>;
}

export async function openEventStream(t: ExecutionContext, url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const close = async () => {
    controller.abort();
    await reader.cancel().catch(() => {});
  };
  t.teardown(close);
  let buffer = '';
  const pending: StreamItem[] = [];
  let ended = false;

  const parseBlock = (block: string) => {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        pending.push({ kind: 'comment', text: line.slice(1).trim() });
        continue;
      }
      const colon = line.indexOf(':');
      const name = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      fields[name] = name === 'data' && fields.data !== undefined ? `${fields.data}\n${value}` : value;
    }
    if (fields.retry !== undefined) {
      pending.push({ kind: 'retry', ms: Number(fields.retry) });
    }
    if (fields.data !== undefined) {
      pending.push({ kind: 'event', event: { id: fields.id, event: fields.event ?? 'message', data: fields.data } });
    }
  };

  const next = async (): Promise<StreamItem> => {
    while (pending.length === 0) {
      if (ended) {
        return { kind: 'end' };
      }
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        if (buffer.trim() !== '') {
          parseBlock(buffer);
        }
        continue;
      }
      buffer += value;
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) !== -1) {
        parseBlock(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
      }
    }
    return pending.shift()!;
  };

  return {
    response,
    next,
    async nextEvent() {
      for (;;) {
        const item = await next();
        if (item.kind === 'event') {
          return item.event;
        }
        if (item.kind === 'end') {
          return undefined;
        }
      }
    },
    close,
  };
}

// builder_missing and builder_stale: the worker checks the expected builders every
// deliveries.builder_check and announces a builder the moment it turns missing or stale. What was
// announced is remembered in the store, so a restart (or a second process) does not announce it again.
import type { ExpectedBuilder } from '../config/types.ts';
import { listExpectedBuilders } from '../queries/list-expected-builders.ts';
import type { ExpectedBuilderStatus } from '../queries/expected-types.ts';
import type { Store } from '../store/types.ts';
import type { BuilderNotice, NotificationChannel } from './notice-types.ts';
import { queueNotice } from './notify-results.ts';
import { makeSiteUrl } from './site-url.ts';

export interface BuilderWatchOptions {
  store: Store;
  expected: readonly ExpectedBuilder[];
  channels: readonly NotificationChannel[];
  publicUrl: string | null;
  /** Unix seconds. */
  now: () => number;
  wake: () => void;
}

/** One check of every expected builder; undefined when nothing is expected or nobody listens. */
export function createBuilderWatch(options: BuilderWatchOptions): (() => Promise<void>) | undefined {
  const { store, expected, channels, publicUrl, now } = options;
  if (expected.length === 0 || channels.length === 0) {
    return undefined;
  }
  return async () => {
    const at = now();
    const [statuses, announced] = await Promise.all([listExpectedBuilders(store, expected, at), store.readBuilderAnnouncements()]);
    let queued = 0;
    for (const status of statuses) {
      const key = JSON.stringify([status.package, status.host, status.arch, status.tags]);
      if (announced.get(key) === status.state) {
        continue;
      }
      if (status.state !== 'ok') {
        queued += await queueNotice(store, channels, describeBuilder(status, publicUrl, at), at);
      }
      await store.writeBuilderAnnouncement(key, status.state, at);
    }
    if (queued > 0) {
      options.wake();
    }
  };
}

function describeBuilder(status: ExpectedBuilderStatus, publicUrl: string | null, at: number): BuilderNotice {
  const latest = status.latest;
  return {
    type: 'builder',
    event: status.state === 'missing' ? 'builder_missing' : 'builder_stale',
    facts: {
      package: status.package,
      host: status.host,
      arch: status.arch,
      tags: status.tags,
      max_age_seconds: status.maxAgeSeconds,
      latest_result_key: latest?.resultKey ?? null,
      latest_result_url: latest ? makeSiteUrl(publicUrl, `/results/${latest.resultKey}`) : null,
      latest_time: latest ? new Date(latest.time * 1000).toISOString() : null,
      time: new Date(at * 1000).toISOString(),
    },
  };
}

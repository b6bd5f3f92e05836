// Which tagsets an expected builder covers, and how fresh they are. Pure, so the rules are
// tested without a store.
import { getVisibleTags } from '../../wire/tagset.ts';
import type { ExpectedBuilder } from '../config/types.ts';
import type { TagsetRecord } from '../store/types.ts';
import type { ExpectedBuilderStatus, ExpectedTagsetStatus } from './expected-types.ts';

/** True when the tagset is the builder's package and carries every host, arch and tag it names. */
export function matchesExpectedBuilder(builder: ExpectedBuilder, record: TagsetRecord): boolean {
  if (record.package !== builder.package) {
    return false;
  }
  const tags = new Set(record.tagset);
  return (builder.host === null || tags.has(`__host=${builder.host}`))
    && (builder.arch === null || tags.has(`__arch=${builder.arch}`))
    && builder.tags.every((tag) => tags.has(tag));
}

/** The builder's state at `now`, from the tagsets of its package (with their newest results). */
export function judgeExpectedBuilder(builder: ExpectedBuilder, packageTagsets: TagsetRecord[], now: number): ExpectedBuilderStatus {
  const tagsets: ExpectedTagsetStatus[] = packageTagsets
    .filter((record) => matchesExpectedBuilder(builder, record))
    .sort((left, right) => right.latest.key - left.latest.key)
    .map((record) => ({
      tagset: record.tagset,
      visibleTags: getVisibleTags(record.tagset),
      host: record.latest.host,
      arch: record.latest.arch,
      state: isFresh(record.latest.receivedAt, builder, now) ? 'ok' : 'stale',
      latest: { resultKey: record.latest.key, time: record.latest.receivedAt, success: record.latest.success },
    }));
  const latest = tagsets[0]?.latest ?? null;
  return {
    package: builder.package,
    host: builder.host,
    arch: builder.arch,
    tags: builder.tags,
    maxAgeSeconds: builder.maxAgeSeconds,
    state: latest === null ? 'missing' : tagsets[0]!.state,
    ageSeconds: latest === null ? null : Math.max(0, now - latest.time),
    latest,
    tagsets,
  };
}

function isFresh(receivedAt: number, builder: ExpectedBuilder, now: number): boolean {
  return now - receivedAt <= builder.maxAgeSeconds;
}

// The expected-builders feed: one item per configured builder that is missing (never reported)
// or stale (its newest result is older than max_age). An item's guid holds the newest result
// it waited after, so a builder that reports and then falls silent again is a new item.
import type { ExpectedBuilderStatus } from '../queries/expected-types.ts';
import { formatDuration } from '../../wire/format-duration.ts';
import { formatAbsoluteTime } from '../web/format.ts';
import { makePackageUrl } from '../web/page-links.ts';
import { escapeHtml } from '../web/escape-html.ts';
import type { FeedItemInput } from './render-feed.ts';

const DAY_SECONDS = 86_400;

/** Newest first; `now` in Unix seconds. */
export function toExpectedItems(builders: readonly ExpectedBuilderStatus[], now: number, siteUrl: string): FeedItemInput[] {
  return builders
    .filter((builder) => builder.state !== 'ok')
    .map((builder) => {
      const title = `${describeBuilder(builder)}: ${builder.state}`;
      const latest = builder.latest;
      const identity = [builder.package, builder.host ?? '', builder.arch ?? '', ...builder.tags].map(encodeURIComponent).join(':');
      const words = latest
        ? `<p>It should report every ${formatDuration(builder.maxAgeSeconds)}; its newest result, `
          + `<a href="${escapeHtml(`${siteUrl}/results/${latest.resultKey}`)}">#${latest.resultKey}</a>, arrived ${formatAbsoluteTime(latest.time)}.</p>`
        : `<p>It should report every ${formatDuration(builder.maxAgeSeconds)} and never has.</p>`;
      return {
        guid: `urn:pony-build:expected:${identity}:${builder.state}:${latest?.resultKey ?? 0}`,
        title,
        html: `<p>${escapeHtml(title)}</p>\n${words}`,
        link: latest ? `${siteUrl}${makePackageUrl(builder.package)}` : `${siteUrl}/`,
        // A stale builder went stale when its newest result passed max_age; a missing one has
        // no such moment, so it is dated by the day, which keeps the feed's bytes stable.
        date: new Date(1000 * (latest ? latest.time + builder.maxAgeSeconds : Math.floor(now / DAY_SECONDS) * DAY_SECONDS)),
      };
    })
    .sort((left, right) => right.date.getTime() - left.date.getTime());
}

function describeBuilder(builder: ExpectedBuilderStatus): string {
  const tags = builder.tags.length > 0 ? ` [${builder.tags.join(', ')}]` : '';
  const place = [builder.host, builder.arch && `(${builder.arch})`].filter(Boolean).join(' ');
  return `${builder.package}${tags}${place ? ` on ${place}` : ''}`;
}

// One feed as RSS 2.0 or Atom, through the `feed` library. Atom titles are HTML; RSS says
// plain text, but many readers render RSS titles as HTML too, so item titles are escaped in
// both: a client's `<script>` package name stays text everywhere. Descriptions are HTML.
import { Feed } from 'feed';
import { escapeHtml } from '../web/escape-html.ts';
import type { FeedFormat } from './feed-urls.ts';

export interface FeedItemInput {
  /** Stable across fetches, hosts and formats. */
  guid: string;
  /** Plain text. */
  title: string;
  /** HTML whose client texts are already escaped. */
  html: string;
  /** Absolute. */
  link: string;
  date: Date;
}

export interface FeedInput {
  title: string;
  description: string;
  /** The feed's own absolute URL: its id and `rel="self"`. */
  selfUrl: string;
  /** The page the feed is about, absolute. */
  pageUrl: string;
  /** The WebSub hub, when one is configured: `rel="hub"`. */
  hub: string | undefined;
  /** Newest first. */
  items: readonly FeedItemInput[];
}

export function renderFeed(input: FeedInput, format: FeedFormat): string {
  const feed = new Feed({
    id: input.selfUrl,
    title: input.title,
    description: input.description,
    link: input.pageUrl,
    feed: input.selfUrl,
    hub: input.hub,
    // The newest item's time, not now: the same items give the same bytes, so ETags hold.
    updated: input.items[0]?.date ?? new Date(0),
    generator: 'pony-build',
  });
  for (const item of input.items) {
    feed.addItem({
      id: item.guid,
      guid: item.guid,
      title: escapeHtml(item.title),
      link: item.link,
      date: item.date,
      description: item.html,
    });
  }
  return format === 'atom' ? feed.atom1() : feed.rss2();
}

// GET /feeds: every feed the site serves, site-wide and per package, each in both formats.
import { makePackageUrl } from '../web/page-links.ts';
import { describeFeed, FEED_CONTENT_TYPES, FEED_FORMATS, labelFeedFormat, makeFeedPath, SITE_SCOPE, type FeedName } from './feed-urls.ts';

const SITE_FEEDS: FeedName[] = [
  { kind: 'results', scope: SITE_SCOPE, selection: 'results' },
  { kind: 'results', scope: SITE_SCOPE, selection: 'failures' },
  { kind: 'expected' },
];

export function toFeedsPage(packageNames: readonly string[]) {
  return {
    title: 'Feeds',
    siteFeeds: SITE_FEEDS.map(toFeedView),
    packages: packageNames.map((packageName) => ({
      name: packageName,
      url: makePackageUrl(packageName),
      feeds: (['results', 'failures'] as const).map((selection) => toFeedView({ kind: 'results', scope: { kind: 'package', packageName }, selection })),
    })),
  };
}

function toFeedView(name: FeedName) {
  return {
    title: describeFeed(name),
    formats: FEED_FORMATS.map((format) => ({
      label: labelFeedFormat(format),
      path: makeFeedPath(name, format),
      type: FEED_CONTENT_TYPES[format].split(';')[0]!,
    })),
  };
}

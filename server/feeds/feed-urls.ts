// Where each feed lives, built in one place so that routes, the /feeds page, the pages' head
// links and WebSub publishes agree (docs/PROTOCOL.md, "Feeds"). Paths are from the site's root;
// callers put basePath or the site's absolute origin in front.

export const FEED_FORMATS = ['rss', 'atom'] as const;

export type FeedFormat = (typeof FEED_FORMATS)[number];

/** `results`: every result; `failures`: those that broke, still fail, or were fixed. */
export type FeedSelection = 'results' | 'failures';

/** A site-wide feed, or one package's. */
export type FeedScope = { kind: 'site' } | { kind: 'package'; packageName: string };

/** One feed: the results or failures of the site or a package, or the expected builders gone quiet. */
export type FeedName =
  | { kind: 'results'; scope: FeedScope; selection: FeedSelection }
  | { kind: 'expected' };

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

const FORMAT_LABELS: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom' };

export const SITE_SCOPE: FeedScope = { kind: 'site' };

export function makeFeedPath(name: FeedName, format: FeedFormat): string {
  if (name.kind === 'expected') {
    return `/feeds/expected.${format}`;
  }
  if (name.scope.kind === 'site') {
    return `/feeds/${name.selection}.${format}`;
  }
  const packagePath = `/feeds/packages/${encodeURIComponent(name.scope.packageName)}`;
  return name.selection === 'results' ? `${packagePath}.${format}` : `${packagePath}/failures.${format}`;
}

/** The feed's title, as readers list it. */
export function describeFeed(name: FeedName): string {
  if (name.kind === 'expected') {
    return 'pony-build: expected builders missing or stale';
  }
  const what = name.selection === 'results' ? 'results' : 'failures and fixes';
  return name.scope.kind === 'site' ? `pony-build: ${what}` : `pony-build: ${name.scope.packageName} ${what}`;
}

export interface FeedLink {
  /** The MIME type without parameters, as `<link rel="alternate" type=...>` wants it. */
  type: string;
  title: string;
  /** From the site's root. */
  path: string;
}

/** The head links of a page about the whole site (the dashboard) or about one package. */
export function listFeedLinks(scope: FeedScope): FeedLink[] {
  const names: FeedName[] = (['results', 'failures'] as const).map((selection) => ({ kind: 'results', scope, selection }));
  return names.flatMap((name) => FEED_FORMATS.map((format) => ({
    type: FEED_CONTENT_TYPES[format].split(';')[0]!,
    title: `${describeFeed(name)} (${FORMAT_LABELS[format]})`,
    path: makeFeedPath(name, format),
  })));
}

export function labelFeedFormat(format: FeedFormat): string {
  return FORMAT_LABELS[format];
}

/** The feeds a new result of this package changed: its results feeds, and its failures feeds when it belongs there. */
export function listChangedFeeds(packageName: string, inFailures: boolean): FeedName[] {
  const scopes: FeedScope[] = [SITE_SCOPE, { kind: 'package', packageName }];
  const selections: FeedSelection[] = inFailures ? ['results', 'failures'] : ['results'];
  return scopes.flatMap((scope) => selections.map((selection): FeedName => ({ kind: 'results', scope, selection })));
}

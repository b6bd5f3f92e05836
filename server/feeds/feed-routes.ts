// GET /feeds (the index page) and every feed: results and failures of the site and of each
// package, and expected builders gone quiet, as RSS 2.0 or Atom (docs/PROTOCOL.md, "Feeds").
// A feed is newest first, at most FEED_ITEMS items, with Last-Modified and an ETag so that
// polling readers get 304 while nothing changed.
import { createHash } from 'node:crypto';
import { Router } from '@koa/router';
import type Koa from 'koa';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { makePackageUrl } from '../web/page-links.ts';
import type { Views } from '../web/render-views.ts';
import { describeEntryHtml, describeEntryTitle } from './describe-entry.ts';
import { createFailureDescriber } from './describe-failure.ts';
import { toExpectedItems } from './expected-items.ts';
import {
  describeFeed, FEED_CONTENT_TYPES, FEED_FORMATS, makeFeedPath, SITE_SCOPE, type FeedFormat, type FeedName, type FeedScope,
  type FeedSelection,
} from './feed-urls.ts';
import { toFeedsPage } from './feeds-page.ts';
import { readFeedEntries } from './read-feed-entries.ts';
import { renderFeed, type FeedItemInput } from './render-feed.ts';
import { resolveSiteUrl } from './site-url.ts';

export type FeedCoordinator = Pick<
  Coordinator, 'listPackages' | 'listPackageResults' | 'listRunningBuilds' | 'getResult' | 'listTestCases' | 'listExpectedBuilders' | 'now'
>;

const SITE_FEEDS: Record<string, FeedName> = {
  results: { kind: 'results', scope: SITE_SCOPE, selection: 'results' },
  failures: { kind: 'results', scope: SITE_SCOPE, selection: 'failures' },
  expected: { kind: 'expected' },
};

export interface FeedRoutesOptions {
  coordinator: FeedCoordinator;
  /** The configuration's `public_url`: feeds link there rather than to the request's host. */
  publicUrl?: string;
  /** The WebSub hub feeds name with `rel="hub"`. */
  websubHub?: string;
  views: Pick<Views, 'renderFeeds'>;
}

export function createFeedRoutes({ coordinator, publicUrl, websubHub, views }: FeedRoutesOptions): Router {
  const router = new Router();
  const describeFailure = createFailureDescriber(coordinator);

  const answerFeed = async (ctx: Koa.Context, name: FeedName, format: FeedFormat) => {
    const siteUrl = resolveSiteUrl(ctx, publicUrl);
    const items = name.kind === 'expected'
      ? toExpectedItems(await coordinator.listExpectedBuilders(), coordinator.now(), siteUrl)
      : await readResultItems(ctx, name.scope, name.selection, siteUrl);
    const body = renderFeed({
      title: describeFeed(name),
      description: describeFeed(name),
      selfUrl: `${siteUrl}${makeFeedPath(name, format)}`,
      pageUrl: name.kind === 'results' && name.scope.kind === 'package' ? `${siteUrl}${makePackageUrl(name.scope.packageName)}` : `${siteUrl}/`,
      hub: websubHub,
      items,
    }, format);
    ctx.status = 200;
    ctx.type = FEED_CONTENT_TYPES[format];
    ctx.set('Cache-Control', 'no-cache');
    ctx.etag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
    if (items[0]) {
      ctx.lastModified = items[0].date;
    }
    if (ctx.fresh) {
      ctx.status = 304;
      // Not null: an empty body would read as "nothing routed here" to the app's 404 guard.
      ctx.body = '';
      return;
    }
    ctx.body = body;
  };

  // A package whose first build is still running has a page that links its feeds: they answer
  // empty, so a reader can subscribe before the first result arrives.
  const isKnownPackage = async (packageName: string): Promise<boolean> => {
    const page = await coordinator.listPackageResults(packageName, { limit: 1 });
    return page.results.length > 0 || (await coordinator.listRunningBuilds()).some((build) => build.package === packageName);
  };

  const readResultItems = async (ctx: Koa.Context, scope: FeedScope, selection: FeedSelection, siteUrl: string): Promise<FeedItemInput[]> => {
    if (scope.kind === 'package' && !(await isKnownPackage(scope.packageName))) {
      throw new HttpError(404, `No results or running builds of package ${JSON.stringify(scope.packageName)} are known, so it has no feed.`);
    }
    const entries = await readFeedEntries(coordinator, describeFailure, scope, selection);
    return entries.map((entry) => {
      const link = `${siteUrl}/results/${entry.resultKey}`;
      return {
        // The key with the time it arrived: stable across hosts and formats, and never reused by a new database's result.
        guid: `urn:pony-build:result:${entry.resultKey}:${Math.floor(entry.time)}`,
        title: describeEntryTitle(entry),
        html: describeEntryHtml(entry, link),
        link,
        date: new Date(entry.time * 1000),
      };
    });
  };

  router.get('/feeds', async (ctx) => {
    const packages = (await coordinator.listPackages()).map((summary) => summary.package);
    ctx.type = 'html';
    ctx.body = views.renderFeeds(toFeedsPage(packages));
  });

  router.get('/feeds/:file', async (ctx) => {
    const file = splitFeedFile(ctx.params.file!);
    const name = file && Object.hasOwn(SITE_FEEDS, file.stem) ? SITE_FEEDS[file.stem] : undefined;
    if (!file || !name) {
      throw unknownFeed(ctx.path);
    }
    await answerFeed(ctx, name, file.format);
  });

  router.get('/feeds/packages/:file', async (ctx) => {
    const file = splitFeedFile(ctx.params.file!);
    if (!file || file.stem === '') {
      throw unknownFeed(ctx.path);
    }
    await answerFeed(ctx, { kind: 'results', scope: { kind: 'package', packageName: file.stem }, selection: 'results' }, file.format);
  });

  router.get('/feeds/packages/:package/:file', async (ctx) => {
    const file = splitFeedFile(ctx.params.file!);
    if (file?.stem !== 'failures') {
      throw unknownFeed(ctx.path);
    }
    await answerFeed(ctx, { kind: 'results', scope: { kind: 'package', packageName: ctx.params.package! }, selection: 'failures' }, file.format);
  });

  return router;
}

/** `results.rss` → results, rss; undefined for a name without a feed format's extension. */
function splitFeedFile(file: string): { stem: string; format: FeedFormat } | undefined {
  const format = FEED_FORMATS.find((candidate) => file.endsWith(`.${candidate}`));
  return format && { stem: file.slice(0, -(format.length + 1)), format };
}

function unknownFeed(path: string): HttpError {
  return new HttpError(404, `No feed is at ${path}; the feeds are listed at /feeds.`);
}

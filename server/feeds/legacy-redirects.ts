// The original pony-build's addresses, so old subscribers and bookmarks keep working: its RSS
// feeds under /rss2/ and its pages under /p/<package>/ answer 301 with the address of ours
// (docs/PROTOCOL.md, "Feeds"). The paths are those of ctb/pony-build's Quixote web UI.
import type Koa from 'koa';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { makePackageUrl } from '../web/page-links.ts';
import { makeFeedPath, SITE_SCOPE, type FeedFormat, type FeedName } from './feed-urls.ts';

export type LegacyReads = Pick<Coordinator, 'findTagsets' | 'listUploads'>;

/** Where an old address went: `permanent` (301) unless it names something that moves, such as "latest". */
interface Destination {
  path: string;
  permanent: boolean;
}

const RSS: FeedFormat = 'rss';

export function redirectLegacyUrls(coordinator: LegacyReads): Koa.Middleware {
  return async (ctx, next) => {
    const segments = ctx.method === 'GET' || ctx.method === 'HEAD' ? readLegacySegments(ctx.path) : undefined;
    if (!segments) {
      return next();
    }
    const destination = await findDestination(coordinator, segments, ctx.query);
    if (!destination) {
      throw new HttpError(404, `${ctx.path} was an address of the original pony-build with no counterpart here.`);
    }
    ctx.status = destination.permanent ? 301 : 302;
    ctx.redirect(`${ctx.state.basePath ?? ''}${destination.path}`);
  };
}

// The path's parts under /rss2 or /p, decoded; a trailing slash (the original's directories) is dropped.
function readLegacySegments(path: string): string[] | undefined {
  const parts = path.split('/').slice(1);
  if (parts.at(-1) === '' && parts.length > 1) {
    parts.pop();
  }
  if (!['rss2', 'p', 'css'].includes(parts[0]!)) {
    return undefined;
  }
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    throw new HttpError(400, `The path ${JSON.stringify(path)} is not validly percent-encoded.`);
  }
}

async function findDestination(coordinator: LegacyReads, segments: string[], query: Koa.Context['query']): Promise<Destination | undefined> {
  const [root, ...rest] = segments;
  if (root === 'css') {
    return rest.length === 0 ? permanent('/static/style.css') : undefined;
  }
  return root === 'rss2' ? findFeedDestination(rest, query) : findPageDestination(coordinator, rest);
}

// /rss2/all, /rss2/failed, /rss2/<package>-all|-failures (the named feeds its run() set up),
// /rss2/_generic/<package>/all|failed, and the feed index pages.
function findFeedDestination(rest: string[], query: Koa.Context['query']): Destination | undefined {
  const feed = (name: FeedName) => permanent(makeFeedPath(name, RSS));
  const ofPackage = (packageName: string, selection: 'results' | 'failures') =>
    feed({ kind: 'results', scope: { kind: 'package', packageName }, selection });
  if (rest.length === 0) {
    return permanent('/feeds');
  }
  const [first, second, third, ...beyond] = rest as [string, string?, string?, ...string[]];
  if (first !== '_generic') {
    if (rest.length > 1) {
      return undefined;
    }
    if (first === 'all' || first === 'failed') {
      return feed({ kind: 'results', scope: SITE_SCOPE, selection: first === 'all' ? 'results' : 'failures' });
    }
    const named = /^(.+)-(all|failures)$/.exec(first);
    return named ? ofPackage(named[1]!, named[2] === 'all' ? 'results' : 'failures') : undefined;
  }
  if (second === undefined) {
    return permanent('/feeds');
  }
  if (second === 'redirect' && third === undefined) {
    const packageName = typeof query.package === 'string' ? query.package.trim() : '';
    return permanent(packageName ? `/feeds#${encodeURIComponent(`package-${packageName}`)}` : '/feeds');
  }
  if (beyond.length > 0) {
    return undefined;
  }
  if (third === undefined) {
    return permanent(`/feeds#${encodeURIComponent(`package-${second}`)}`);
  }
  return third === 'all' || third === 'failed' ? ofPackage(second, third === 'all' ? 'results' : 'failures') : undefined;
}

// /p/<package>/[show_all], /p/<package>/latest/, /p/<package>/<key>/[inspect|request_build|files/[name]].
async function findPageDestination(coordinator: LegacyReads, rest: string[]): Promise<Destination | undefined> {
  const [packageName, resultPart, action, ...file] = rest as [string?, string?, string?, ...string[]];
  if (packageName === undefined) {
    return permanent('/');
  }
  if (resultPart === undefined || (resultPart === 'show_all' && action === undefined)) {
    return permanent(makePackageUrl(packageName));
  }
  if (resultPart === 'latest' && action === undefined) {
    // The newest result of any tagset, as the original chose it; it moves, so 302.
    const [newest] = await coordinator.findTagsets(packageName, { tags: [], exactTags: false });
    return newest && { path: `/results/${newest.latest.resultKey}`, permanent: false };
  }
  if (!/^[1-9][0-9]*$/.test(resultPart)) {
    return undefined;
  }
  const resultPath = `/results/${resultPart}`;
  if (action === undefined || action === 'inspect' || (action === 'files' && file.length === 0)) {
    return permanent(resultPath);
  }
  if (action === 'request_build' && file.length === 0) {
    // The original requested a build on a GET; here that is the result page's form.
    return permanent(`${resultPath}#build-request`);
  }
  if (action === 'files') {
    const filename = file.join('/');
    const upload = (await coordinator.listUploads(Number(resultPart))).find((candidate) => candidate.filename === filename);
    return upload && permanent(`${resultPath}/files/${upload.id}/${encodeURIComponent(upload.filename)}`);
  }
  return undefined;
}

function permanent(path: string): Destination {
  return { path, permanent: true };
}

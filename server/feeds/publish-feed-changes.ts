// Tells the WebSub hub which feeds a stored result changed. It wraps the coordinator's two
// calls that finish a result (add_results and finish_build): the answer goes back to the
// client first, and working out the feeds and publishing happen after, in the background, so
// a slow or failing hub never delays or fails a submission.
import type { WireStruct } from '../../wire/types.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { FAILURE_FEED_CHANGES } from './feed-types.ts';
import { FEED_FORMATS, listChangedFeeds, makeFeedPath } from './feed-urls.ts';
import { findOneResultChange } from './find-result-change.ts';
import type { WebSubPublisher } from './websub-publisher.ts';

export interface FeedPublishing {
  publisher: WebSubPublisher;
  /** Absolute, without a trailing slash: the public_url, else the server's own URL with its base path. */
  siteUrl: () => string;
  log: (line: string) => void;
}

export function publishFeedChanges(coordinator: Coordinator, { publisher, siteUrl, log }: FeedPublishing): Coordinator {
  const announce = (resultKey: number, clientInfo: WireStruct) => {
    if (typeof clientInfo.package !== 'string') {
      return;
    }
    findChangedFeedUrls(coordinator, clientInfo.package, resultKey, siteUrl())
      .then((urls) => publisher.publish(urls))
      .catch((error: unknown) => log(`WebSub: could not work out the feeds result #${resultKey} changed: ${(error as Error).stack ?? String(error)}`));
  };
  return {
    ...coordinator,
    async addResults(...args) {
      const added = await coordinator.addResults(...args);
      announce(added.resultKey, args[0]);
      return added;
    },
    async finishBuild(...args) {
      const finished = await coordinator.finishBuild(...args);
      announce(finished.resultKey, args[1]);
      return finished;
    },
  };
}

// The client's package name is the stored one (the server stores it as sent); a result not found
// under it (removed already) changed nothing.
async function findChangedFeedUrls(coordinator: Coordinator, packageName: string, resultKey: number, siteUrl: string): Promise<string[]> {
  const page = await coordinator.listPackageResults(packageName, { before: resultKey + 1, limit: 1 });
  const stored = page.results[0];
  if (stored?.resultKey !== resultKey) {
    return [];
  }
  const change = await findOneResultChange(coordinator, stored);
  return listChangedFeeds(packageName, FAILURE_FEED_CHANGES.has(change))
    .flatMap((name) => FEED_FORMATS.map((format) => `${siteUrl}${makeFeedPath(name, format)}`));
}

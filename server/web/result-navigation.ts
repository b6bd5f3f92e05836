// The result page's links within its tagset: previous and next result, the stable latest URL,
// and the form that asks the tagset's next client to build.
import type { NeighbourResults } from '../queries/page-types.ts';
import { makeBuildRequestUrl, makeLatestUrl, makePackageUrl } from './page-links.ts';

export interface ResultNavigationInput {
  neighbours: NeighbourResults;
  /** The result's canonical tagset, as stored. */
  tagset: string[];
  /** The page was reached right after a build request was accepted. */
  buildRequested: boolean;
  /** The result is a live build still running, which no tagset counts as its latest yet. */
  running: boolean;
}

export function toResultNavigation(resultKey: number, packageName: string, input: ResultNavigationInput) {
  const { neighbours, tagset } = input;
  return {
    packageUrl: makePackageUrl(packageName),
    previousUrl: neighbours.previousKey === null ? undefined : `/results/${neighbours.previousKey}`,
    nextUrl: neighbours.nextKey === null ? undefined : `/results/${neighbours.nextKey}`,
    // A tagset's latest is its newest result that is not running, and the neighbours are its
    // results that are not running: a running build without any has nothing to link (the
    // link would answer 404). The page says so in the link's place rather than hiding it, as
    // "← previous" stays greyed where there is none: the row keeps its shape, and whoever
    // looks for the link learns why it is not there yet.
    latestUrl: input.running && neighbours.previousKey === null && neighbours.nextKey === null ? undefined : makeLatestUrl(packageName, tagset),
    buildRequest: { action: makeBuildRequestUrl(packageName), tags: tagset, resultKey },
    buildRequested: input.buildRequested,
  };
}

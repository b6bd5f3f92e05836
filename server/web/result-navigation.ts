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
}

export function toResultNavigation(resultKey: number, packageName: string, input: ResultNavigationInput) {
  const { neighbours, tagset } = input;
  return {
    packageUrl: makePackageUrl(packageName),
    previousUrl: neighbours.previousKey === null ? undefined : `/results/${neighbours.previousKey}`,
    nextUrl: neighbours.nextKey === null ? undefined : `/results/${neighbours.nextKey}`,
    latestUrl: makeLatestUrl(packageName, tagset),
    buildRequest: { action: makeBuildRequestUrl(packageName), tags: tagset, resultKey },
    buildRequested: input.buildRequested,
  };
}

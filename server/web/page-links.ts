// URLs of the package pages, badges and stable links, built in one place so that links and
// routes agree. Every part taken from stored data is encoded.
import type { ResultOutcome } from '../rules/summarize-outcomes.ts';
import { getVisibleTags } from '../../wire/tagset.ts';

export interface PackageResultsFilter {
  tags: string[];
  host?: string;
  arch?: string;
  outcome?: ResultOutcome;
}

export function makePackageUrl(packageName: string): string {
  return `/packages/${encodeURIComponent(packageName)}`;
}

/** The package page with its results list filtered and paged; the anchor keeps the list in view. */
export function makePackageResultsUrl(packageName: string, filter: PackageResultsFilter, before?: number): string {
  const query = new URLSearchParams();
  filter.tags.forEach((tag) => query.append('tag', tag));
  appendDefined(query, 'host', filter.host);
  appendDefined(query, 'arch', filter.arch);
  appendDefined(query, 'status', filter.outcome);
  appendDefined(query, 'before', before === undefined ? undefined : String(before));
  const search = query.toString();
  return `${makePackageUrl(packageName)}${search ? `?${search}` : ''}#results`;
}

/** The stable "latest result of this tagset" URL: visible tags, host and arch. */
export function makeLatestUrl(packageName: string, tagset: readonly string[]): string {
  return `${makePackageUrl(packageName)}/latest?${makeTagsetQuery(tagset)}`;
}

export function makeBadgeUrl(packageName: string, tagset?: readonly string[]): string {
  const base = `/badges/${encodeURIComponent(packageName)}.svg`;
  return tagset === undefined ? base : `${base}?${makeTagsetQuery(tagset)}`;
}

export function makeBuildRequestUrl(packageName: string): string {
  return `${makePackageUrl(packageName)}/build-requests`;
}

/** The full text of one stream of a step; `stepIndex` counts from 0 as in results_list. */
export function makeStepOutputUrl(resultKey: number, stepIndex: number, stream: 'output' | 'errout'): string {
  return `/results/${resultKey}/steps/${stepIndex}/${stream}`;
}

/** Every step's output and errout in one text file. */
export function makeWholeLogUrl(resultKey: number): string {
  return `/results/${resultKey}/log.txt`;
}

function makeTagsetQuery(tagset: readonly string[]): string {
  const query = new URLSearchParams();
  getVisibleTags(tagset).forEach((tag) => query.append('tag', tag));
  appendDefined(query, 'host', readSyntheticTag(tagset, '__host='));
  appendDefined(query, 'arch', readSyntheticTag(tagset, '__arch='));
  return query.toString();
}

/** The value of a synthetic tag such as `__host=`, or undefined. */
export function readSyntheticTag(tagset: readonly string[], prefix: string): string | undefined {
  return tagset.find((tag) => tag.startsWith(prefix))?.slice(prefix.length);
}

function appendDefined(query: URLSearchParams, name: string, value: string | undefined): void {
  if (value !== undefined) {
    query.append(name, value);
  }
}

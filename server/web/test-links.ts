// URLs of the per-test pages, built in one place so that links and routes agree.
import type { TestStatus } from '../store/test-case-types.ts';
import { makePackageUrl } from './page-links.ts';

/** The page with one test's history across the package's tagsets. */
export function makeTestHistoryUrl(packageName: string, suite: string, name: string, before?: number): string {
  const query = new URLSearchParams({ suite, name });
  if (before !== undefined) {
    query.set('before', String(before));
  }
  return `${makePackageUrl(packageName)}/tests?${query}`;
}

/** The result page with its test tables cut to one status; the anchor keeps the step in view. */
export function makeTestFilterUrl(resultKey: number, status: TestStatus | undefined, stepNumber: number): string {
  return `/results/${resultKey}${status === undefined ? '' : `?status=${status}`}#step-${stepNumber}`;
}

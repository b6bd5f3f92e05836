// One test's history across a package's tagsets, a page at a time, newest first. Pages end
// on a result boundary, so a test reported twice in one result never straddles two pages.
import { getVisibleTags } from '../../wire/tagset.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import type { Store } from '../store/types.ts';
import type { TestHistory, TestHistoryOptions } from './test-types.ts';

const DEFAULT_TEST_HISTORY_LIMIT = 50;
const MAX_TEST_HISTORY_LIMIT = 500;

/** One test's outcomes across every tagset of a package, newest first, a page at a time. */
export async function getTestHistory(store: Store, packageName: string, options: TestHistoryOptions): Promise<TestHistory> {
  const { suite, name, limit = DEFAULT_TEST_HISTORY_LIMIT, before } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TEST_HISTORY_LIMIT) {
    throw new InvalidFieldError('limit', `an integer from 1 to ${MAX_TEST_HISTORY_LIMIT}`, limit);
  }
  if (before !== undefined && (!Number.isInteger(before) || before < 1)) {
    throw new InvalidFieldError('before', 'a positive integer result key', before);
  }
  // One row more than asked tells whether an older page exists.
  const records = await store.listTestHistory({ packageName, suite, name, beforeKey: before, limit: limit + 1 });
  let page = records.slice(0, limit);
  let nextBefore: number | null = null;
  if (records.length > limit) {
    const last = page.at(-1)!.resultKey;
    const whole = page.filter((record) => record.resultKey !== last);
    // A result split by the limit moves whole to the next page, unless it fills this one alone.
    if (records[limit]!.resultKey === last && whole.length > 0) {
      page = whole;
      nextBefore = last + 1;
    } else {
      nextBefore = last;
    }
  }
  return {
    package: packageName,
    suite,
    name,
    entries: page.map((record) => ({
      resultKey: record.resultKey,
      time: record.receivedAt,
      tagset: record.tagset,
      visibleTags: getVisibleTags(record.tagset),
      host: record.host,
      arch: record.arch,
      revision: record.revision,
      status: record.status,
      duration: record.duration,
      message: record.message,
    })),
    nextBefore,
  };
}

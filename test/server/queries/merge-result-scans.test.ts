import test from 'ava';
import { mergeResultScans } from '../../../server/queries/merge-result-scans.ts';
import type { PackageResultRecord } from '../../../server/store/page-types.ts';

function makeRows(keys: number[], success = true): PackageResultRecord[] {
  return keys.map((key) => ({ key, receivedAt: key, package: 'p', host: 'h', arch: 'a', tagsetKey: 't', success, duration: null }));
}

const everything = () => true;

test('rows from several walks come newest first, cut at the limit', (t) => {
  const page = mergeResultScans([
    { rows: makeRows([9, 6, 3]), exhausted: true },
    { rows: makeRows([8, 7, 2]), exhausted: true },
  ], everything, 4);
  t.deepEqual(page.rows.map((row) => row.key), [9, 8, 7, 6]);
  t.is(page.nextBefore, 6);
});

test('the last page has no next page', (t) => {
  const page = mergeResultScans([{ rows: makeRows([5, 4]), exhausted: true }], everything, 4);
  t.deepEqual(page.rows.map((row) => row.key), [5, 4]);
  t.is(page.nextBefore, null);
});

test('a walk that stopped early ends the page where it stopped, so nothing is skipped', (t) => {
  const page = mergeResultScans([
    // Read 20 down to 10 and found no match: results below 10 are unknown.
    { rows: makeRows([20, 15, 10], true), exhausted: false },
    { rows: makeRows([12, 8, 4], false), exhausted: true },
  ], (row) => row.success === false, 5);
  t.deepEqual(page.rows.map((row) => row.key), [12]);
  t.is(page.nextBefore, 10);
});

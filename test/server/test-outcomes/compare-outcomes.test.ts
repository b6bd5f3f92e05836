import test from 'ava';
import { classifyChange, combineOutcomes, makeTestKey } from '../../../server/test-outcomes/compare-outcomes.ts';
import { findFlakyTests } from '../../../server/test-outcomes/find-flaky-tests.ts';
import { orderFailuresFirst } from '../../../server/test-outcomes/order-test-cases.ts';

test('what changed since the previous result', (t) => {
  t.is(classifyChange('failed', 'passed'), 'new-failure');
  t.is(classifyChange('error', undefined), 'new-failure');
  t.is(classifyChange('failed', 'skipped'), 'new-failure');
  t.is(classifyChange('failed', 'error'), 'still-failing');
  t.is(classifyChange('passed', 'failed'), 'fixed');
  t.is(classifyChange('passed', 'passed'), null);
  t.is(classifyChange('skipped', 'failed'), null);
  t.is(classifyChange('passed', undefined), null);
});

test('a test reported twice in one result fails when either report failed', (t) => {
  const combined = combineOutcomes([
    { suite: 's', name: 'a', status: 'passed' },
    { suite: 's', name: 'a', status: 'failed' },
    { suite: 's', name: 'b', status: 'skipped' },
    { suite: 's', name: 'b', status: 'passed' },
  ]);
  t.is(combined.get(makeTestKey({ suite: 's', name: 'a' })), 'failed');
  t.is(combined.get(makeTestKey({ suite: 's', name: 'b' })), 'passed');
});

test('suite and name never collide in a test key', (t) => {
  t.not(makeTestKey({ suite: 'a b', name: 'c' }), makeTestKey({ suite: 'a', name: 'b c' }));
});

test('a test is flaky when it passed and failed at one revision; unknown revisions prove nothing', (t) => {
  const flaky = findFlakyTests([
    { suite: '', name: 'flaky', status: 'passed', revision: 'r1' },
    { suite: '', name: 'flaky', status: 'failed', revision: 'r1' },
    { suite: '', name: 'fixed', status: 'failed', revision: 'r1' },
    { suite: '', name: 'fixed', status: 'passed', revision: 'r2' },
    { suite: '', name: 'unknown', status: 'failed', revision: null },
    { suite: '', name: 'unknown', status: 'passed', revision: null },
    { suite: '', name: 'skipped', status: 'skipped', revision: 'r1' },
    { suite: '', name: 'skipped', status: 'error', revision: 'r1' },
  ]);
  t.deepEqual([...flaky], [makeTestKey({ suite: '', name: 'flaky' })]);
});

test('failing cases come first, each group in report order', (t) => {
  const ordered = orderFailuresFirst([
    { id: 1, status: 'passed' }, { id: 2, status: 'error' }, { id: 3, status: 'skipped' }, { id: 4, status: 'failed' },
  ] as const);
  t.deepEqual(ordered.map((testCase) => testCase.id), [2, 4, 1, 3]);
});

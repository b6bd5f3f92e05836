import test from 'ava';
import type { OutcomePoint } from '../../../server/rules/summarize-outcomes.ts';
import { selectTagsets } from '../../../server/rules/select-tagsets.ts';
import { countPassed, findStreak } from '../../../server/rules/summarize-outcomes.ts';
import type { TagsetRecord } from '../../../server/store/types.ts';

function makePoints(outcomes: Array<OutcomePoint['outcome']>): OutcomePoint[] {
  // Newest first, keys counting down.
  return outcomes.map((outcome, index) => ({ resultKey: 100 - index, time: 0, outcome }));
}

test('the streak is the run of the newest outcome', (t) => {
  t.deepEqual(findStreak(makePoints(['failed', 'failed', 'passed', 'failed']), true),
    { outcome: 'failed', sinceResultKey: 99, length: 2, complete: true });
  t.is(countPassed(makePoints(['failed', 'passed', 'passed'])), 2);
  t.is(findStreak([], true), undefined);
});

test('a streak that fills every point read is only known to be at least that long', (t) => {
  t.deepEqual(findStreak(makePoints(['passed', 'passed']), false),
    { outcome: 'passed', sinceResultKey: 99, length: 2, complete: false });
  t.true(findStreak(makePoints(['passed', 'passed']), true)!.complete);
});

function makeRecord(tagset: string[]): TagsetRecord {
  return {
    package: 'p', tagset, tagsetKey: JSON.stringify(tagset), resultCount: 1,
    latest: { key: 1, receivedAt: 0, package: 'p', host: '', arch: '', success: true, duration: null },
    latestRevision: null,
  };
}

test('tagsets are selected by visible tags, host and arch', (t) => {
  const records = [
    makeRecord(['__arch=x86', '__host=a', '__package=p', 'debug']),
    makeRecord(['__arch=x86', '__host=a', '__package=p', 'debug', 'lto']),
    makeRecord(['__arch=arm', '__host=b', '__package=p', 'debug']),
  ];
  const pick = (selector: Parameters<typeof selectTagsets>[1]) => selectTagsets(records, selector).map((record) => records.indexOf(record));
  t.deepEqual(pick({ tags: ['debug'], exactTags: true }), [0, 2]);
  t.deepEqual(pick({ tags: ['debug'], exactTags: false }), [0, 1, 2]);
  t.deepEqual(pick({ tags: ['debug'], host: 'a', exactTags: false }), [0, 1]);
  t.deepEqual(pick({ tags: [], arch: 'arm', exactTags: false }), [2]);
  t.deepEqual(pick({ tags: [], exactTags: true }), []);
});

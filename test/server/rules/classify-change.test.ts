import test from 'ava';
import { classifyChange, findPreviousKnownOutcome } from '../../../server/rules/classify-change.ts';

test('a failure after a pass broke the tagset, a pass after a failure fixed it', (t) => {
  t.is(classifyChange('failed', 'passed'), 'broke');
  t.is(classifyChange('passed', 'failed'), 'fixed');
});

test('the same outcome again is still failing or still passing', (t) => {
  t.is(classifyChange('failed', 'failed'), 'still_failing');
  t.is(classifyChange('passed', 'passed'), 'still_passing');
});

test("a tagset's first failure is announced as broke, its first pass is not a fix", (t) => {
  t.is(classifyChange('failed', undefined), 'broke');
  t.is(classifyChange('passed', undefined), 'still_passing');
});

test('a result without an outcome changes nothing, and unknown earlier outcomes are looked past', (t) => {
  t.is(classifyChange('unknown', 'failed'), 'unknown');
  t.is(findPreviousKnownOutcome(['unknown', 'unknown', 'failed', 'passed']), 'failed');
  t.is(findPreviousKnownOutcome(['unknown']), undefined);
  t.is(classifyChange('passed', findPreviousKnownOutcome(['unknown', 'failed'])), 'fixed');
});

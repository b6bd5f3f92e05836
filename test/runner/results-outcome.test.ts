import test from 'ava';
import { getStepState, isBuildSuccessful, worstStepState } from '../../runner/results/outcome.ts';
import type { StepResult } from '../../wire/types.ts';

const step = (fields: Partial<StepResult>): StepResult => ({
  name: 's', type: 'build', status: 0, output: '', errout: '', command: ['true'], duration: 0, ...fields,
});

test('a step is judged by its exit status, its termination and whether it may fail', (t) => {
  t.is(getStepState(step({})), 'passed');
  t.is(getStepState(step({ status: 2 })), 'failed');
  t.is(getStepState(step({ status: 2, allowed_to_fail: true })), 'allowed-failure');
  t.is(getStepState(step({ status: 0, termination: 'timeout' })), 'failed');
  t.is(getStepState(step({ status: 130, termination: 'interrupted', allowed_to_fail: true })), 'interrupted');
});

test('the worst state wins', (t) => {
  t.is(worstStepState('passed', 'failed'), 'failed');
  t.is(worstStepState('interrupted', 'allowed-failure'), 'interrupted');
  t.is(worstStepState('passed', 'allowed-failure'), 'allowed-failure');
});

test('a build succeeds only when completed and no step failed unless allowed to', (t) => {
  t.true(isBuildSuccessful([step({}), step({ status: 1, allowed_to_fail: true })], true));
  t.false(isBuildSuccessful([step({}), step({ status: 1 })], true));
  t.false(isBuildSuccessful([step({})], false));
});

import test from 'ava';
import { boundMessage, MAX_STORED_MESSAGE_LENGTH } from '../../../server/store/bound-message.ts';
import { readRevision } from '../../../server/store/read-revision.ts';
import { readTestCases, readTestStatus } from '../../../server/store/read-test-cases.ts';

test('test cases are read from every step, in report order, with their step index', (t) => {
  const cases = readTestCases([
    { name: 'build' },
    { name: 'unit', test_cases: [{ name: 'a', suite: 's', status: 'passed', duration: 0.5, file: 'a.js' }] },
    { name: 'e2e', test_cases: [{ name: 'b', status: 'failed', message: 'boom', details: 'at x', output: 'log' }] },
  ]);
  t.deepEqual(cases, [
    { stepIndex: 1, suite: 's', name: 'a', file: 'a.js', status: 'passed', duration: 0.5, message: null, details: null, output: null },
    { stepIndex: 2, suite: '', name: 'b', file: null, status: 'failed', duration: null, message: 'boom', details: 'at x', output: 'log' },
  ]);
});

test('entries that cannot name a test are left out, and odd fields are ignored', (t) => {
  const cases = readTestCases([
    { test_cases: [null, 5, 'name', [], { name: 7 }, { name: '' }, { suite: 's' }, Buffer.from('x'),
      { name: 'kept', suite: 3, file: null, duration: -1, message: { text: 'x' } }] },
    { test_cases: 'not an array' },
    { test_cases: { name: 'a struct, not an array' } },
  ]);
  t.deepEqual(cases, [
    { stepIndex: 0, suite: '', name: 'kept', file: null, status: 'error', duration: null, message: null, details: null, output: null },
  ]);
});

test('a status outside the five is read as error, never as passed', (t) => {
  for (const status of ['passed', 'failed', 'error', 'skipped', 'todo'] as const) {
    t.is(readTestStatus(status), status);
  }
  for (const status of ['PASSED', 'ok', '', 0, true, null, undefined]) {
    t.is(readTestStatus(status), 'error', String(status));
  }
});

test('stored messages are bounded with a marker', (t) => {
  t.is(boundMessage(null), null);
  t.is(boundMessage('short'), 'short');
  const bounded = boundMessage('x'.repeat(MAX_STORED_MESSAGE_LENGTH + 1))!;
  t.is(bounded.length, MAX_STORED_MESSAGE_LENGTH);
  t.true(bounded.endsWith(' [...]'));
});

test('the revision is client_info.revision, else the first checkout step\'s version_info', (t) => {
  t.is(readRevision({ revision: 'abc' }, [{ version_info: 'def' }]), 'abc');
  t.is(readRevision({ revision: '' }, [{ name: 'x' }, { version_info: ' def line\n' }]), 'def line');
  t.is(readRevision({ revision: 5 }, [{ version_info: 7 }]), null);
});

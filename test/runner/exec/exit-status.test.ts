import test from 'ava';
import { getExitStatus } from '../../../runner/exec/index.ts';

test('an exit code is the status', (t) => {
  t.is(getExitStatus(0, null), 0);
  t.is(getExitStatus(2, null), 2);
});

test('a signal gives 128 + its number, as a shell reports it', (t) => {
  t.is(getExitStatus(null, 'SIGTERM'), 143);
  t.is(getExitStatus(null, 'SIGKILL'), 137);
  t.is(getExitStatus(null, 'SIGINT'), 130);
  t.is(getExitStatus(null, 'SIGSEGV'), 139);
});

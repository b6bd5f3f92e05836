import test from 'ava';
import { normalizeCommand } from '../../../runner/exec/normalize-command.ts';

test('an argv array is split into program and arguments', (t) => {
  t.deepEqual(normalizeCommand(['make', '-j4', 'all'], false), { file: 'make', args: ['-j4', 'all'], display: 'make -j4 all' });
});

test('the display quotes arguments a shell would split or expand', (t) => {
  t.is(normalizeCommand(['echo', 'a b', "it's", '$HOME', ''], false).display, `echo 'a b' 'it'\\''s' '$HOME' ''`);
});

test('a shell command runs through /bin/sh -c', (t) => {
  t.deepEqual(normalizeCommand('make && make test', true), { file: '/bin/sh', args: ['-c', 'make && make test'], display: 'make && make test' });
  t.deepEqual(normalizeCommand(['ls', '*.ts'], true), { file: '/bin/sh', args: ['-c', 'ls *.ts'], display: 'ls *.ts' });
});

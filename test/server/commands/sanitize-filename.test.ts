import test from 'ava';
import { sanitizeFilename } from '../../../server/commands/sanitize-filename.ts';

test('file names lose directories, control characters and leading dots', (t) => {
  t.is(sanitizeFilename('../../etc/passwd'), 'passwd');
  t.is(sanitizeFilename('C:\\Users\\me\\report.txt'), 'report.txt');
  t.is(sanitizeFilename('.bashrc'), 'bashrc');
  t.is(sanitizeFilename('a\u0000b\u001fc.log'), 'abc.log');
  t.is(sanitizeFilename('   '), 'upload');
  t.is(sanitizeFilename('résumé.pdf'), 'résumé.pdf');
  t.is(sanitizeFilename('x'.repeat(500)).length, 200);
});

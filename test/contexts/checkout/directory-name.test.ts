import test from 'ava';
import { deriveDirectoryName } from '../../../contexts/checkout/directory-name.ts';

test('a directory is named after the last part of the URL, as git clone names it', (t) => {
  t.is(deriveDirectoryName('https://github.com/python/cpython.git'), 'cpython');
  t.is(deriveDirectoryName('https://github.com/python/cpython/'), 'cpython');
  t.is(deriveDirectoryName('git@github.com:ctb/pony-build.git'), 'pony-build');
  t.is(deriveDirectoryName('file:///srv/svn/project/trunk'), 'trunk');
  t.is(deriveDirectoryName('https://hg.example.org/hello#stable'), 'hello');
  t.is(deriveDirectoryName('/srv/repos/hello world.git'), 'hello-world');
});

test('a URL without a usable last part gives `checkout`', (t) => {
  t.is(deriveDirectoryName('https://example.org/'), 'example.org');
  t.is(deriveDirectoryName('/'), 'checkout');
  t.is(deriveDirectoryName('..'), 'checkout');
  t.is(deriveDirectoryName('.git'), 'checkout');
});

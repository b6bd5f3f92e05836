import os from 'node:os';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { countCores } from '../../../recipes/lib/count-cores.ts';
import { getProjectDirectory, getProjectRepositoryUrl } from '../../../recipes/lib/project-repository.ts';
import { quoteShellWord } from '../../../recipes/lib/quote-shell-word.ts';
import { getRepositoryName } from '../../../recipes/lib/repository-name.ts';
import { projectRoot } from '../../helpers/child-process.ts';

test("build-pony-build's default repository is this project, as a file:// URL", (t) => {
  t.is(getProjectDirectory(), projectRoot.replace(/\/$/, ''));
  t.is(getProjectRepositoryUrl(), pathToFileURL(projectRoot.replace(/\/$/, '')).href);
  t.regex(getProjectRepositoryUrl(), /^file:\/\/\/.*[^/]$/);
});

test('a package is named after its repository, as git clone names the directory', (t) => {
  t.is(getRepositoryName('https://github.com/sindresorhus/slugify.git'), 'slugify');
  t.is(getRepositoryName('git@github.com:left/left-pad.git'), 'left-pad');
  t.is(getRepositoryName('file:///tmp/x/greeting.git/'), 'greeting');
  t.is(getRepositoryName('https://example.org/repo?ref=1#top'), 'repo');
  t.throws(() => getRepositoryName('https://example.org/..'), {
    message: 'cannot name a package after the repository URL `https://example.org/..`: it has no last path segment',
  });
});

test('the number of cores is what this process may use, at least one', (t) => {
  t.is(countCores(), Math.max(1, os.availableParallelism()));
  t.true(countCores() >= 1);
});

test('shell words stay one argument each', (t) => {
  t.is(quoteShellWord('--with-pydebug'), '--with-pydebug');
  t.is(quoteShellWord('test_os'), 'test_os');
  t.is(quoteShellWord('a b'), "'a b'");
  t.is(quoteShellWord("it's $HOME"), `'it'\\''s $HOME'`);
});

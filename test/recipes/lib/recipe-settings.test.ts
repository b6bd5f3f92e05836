import test from 'ava';
import { RecipeSettings } from '../../../recipes/lib/recipe-settings.ts';

test('a required variable is read; a missing or empty one is a problem naming it, with an example', (t) => {
  const settings = new RecipeSettings({ LIB_REPO: ' https://example.org/lib.git ', APP_REPO: '' });
  t.is(settings.require('LIB_REPO', 'the git URL of the library', 'https://example.org/lib.git'), 'https://example.org/lib.git');
  t.is(settings.require('APP_REPO', 'the git URL of the app', 'https://example.org/app.git'), '');
  t.is(settings.require('OTHER_REPO', 'the git URL of another one', 'x'), '');
  t.deepEqual(settings.problems, [
    'APP_REPO is not set: it names the git URL of the app (e.g. APP_REPO=https://example.org/app.git)',
    'OTHER_REPO is not set: it names the git URL of another one (e.g. OTHER_REPO=x)',
  ]);
  t.is(settings.describeProblems(), `2 settings are missing:\n  ${settings.problems.join('\n  ')}`);
});

test('one problem is described on its own line', (t) => {
  const settings = new RecipeSettings({});
  settings.require('REPO', 'the git URL', 'u');
  t.is(settings.describeProblems(), 'REPO is not set: it names the git URL (e.g. REPO=u)');
});

test('defaults apply when a variable is unset or empty; lists split and drop empty items', (t) => {
  const settings = new RecipeSettings({ REF: '', FLAGS: '  --a   --b=1 ', DEPS: 'x@1, ,y' });
  t.is(settings.read('REF', 'the ref', 'main'), 'main');
  t.is(settings.readOptional('NAME', 'the name'), undefined);
  t.deepEqual(settings.readList('FLAGS', 'flags', 'whitespace'), ['--a', '--b=1']);
  t.deepEqual(settings.readList('DEPS', 'dependencies', ','), ['x@1', 'y']);
  t.deepEqual(settings.readList('NONE', 'nothing', ','), []);
  t.deepEqual(settings.problems, []);
});

test('--help lists every variable read, once, with its default or (required)', (t) => {
  const settings = new RecipeSettings({});
  settings.require('PACKAGE_REPO', 'the git URL', 'u');
  settings.read('PACKAGE_REF', 'the ref', 'main');
  settings.readOptional('PACKAGE_REF', 'the ref');
  settings.readList('DEPS', 'dependencies', ',');
  t.is(
    settings.formatHelp(),
    '\nEnvironment variables this recipe reads:\n' +
      '  PACKAGE_REPO  the git URL (required)\n' +
      '  PACKAGE_REF   the ref (default: main)\n' +
      '  DEPS          dependencies\n',
  );
  t.is(new RecipeSettings({}).formatHelp(), '');
});

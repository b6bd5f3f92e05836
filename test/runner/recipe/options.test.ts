import test from 'ava';
import { parseRecipeOptions } from '../../../runner/recipe/options.ts';

test('the original short options are understood', (t) => {
  const options = parseRecipeOptions(['-s', 'http://ci.example.org/xmlrpc', '-f', '-N', '-t', 'py3,debug', '-t', 'nightly', '-v'], {});
  t.is(options.report, 'http://ci.example.org/xmlrpc');
  t.true(options.forceBuild);
  t.true(options.keepTemp);
  t.true(options.verbose);
  t.false(options.noReport);
  t.deepEqual(options.tags, ['py3', 'debug', 'nightly']);
});

test('--report and --server-url are the same option', (t) => {
  t.is(parseRecipeOptions(['--report', 'http://a/'], {}).report, 'http://a/');
  t.is(parseRecipeOptions(['--server-url=http://a/'], {}).report, 'http://a/');
  t.is(parseRecipeOptions([], { PONY_BUILD_SERVER: 'http://env/' }).report, 'http://env/');
  t.is(parseRecipeOptions([], {}).report, undefined);
});

test('tags come from PONY_BUILD_TAGS and the command line, without duplicates', (t) => {
  const options = parseRecipeOptions(['--tagset', 'b, c'], { PONY_BUILD_TAGS: 'a,b' });
  t.deepEqual(options.tags, ['a', 'b', 'c']);
});

test('every unknown option and stray argument is named in one error', (t) => {
  const error = t.throws(() => parseRecipeOptions(['--frobnicate', '-x', 'stray', '--report'], {}));
  t.regex(error.message, /unknown option --frobnicate/);
  t.regex(error.message, /unknown option -x/);
  t.regex(error.message, /unexpected argument: stray/);
  t.regex(error.message, /option --report needs a value/);
});

test('a boolean option given a value is refused', (t) => {
  const error = t.throws(() => parseRecipeOptions(['--force-build=yes'], {}));
  t.is(error.message, 'option --force-build takes no value, got `yes`');
});

test('--no-live sends the result whole; a reported run is live by default', (t) => {
  t.false(parseRecipeOptions(['--report', 'http://a/'], {}).noLive);
  t.true(parseRecipeOptions(['--report', 'http://a/', '--no-live'], {}).noLive);
});

test('the client token comes from --token, else PONY_BUILD_TOKEN; a wrong one is reported with the other problems', (t) => {
  t.deepEqual(parseRecipeOptions(['--token', 'ci-1:abc'], { PONY_BUILD_TOKEN: 'ci-2:def' }).token, { name: 'ci-1', secret: 'abc' });
  t.deepEqual(parseRecipeOptions([], { PONY_BUILD_TOKEN: 'ci-2:def' }).token, { name: 'ci-2', secret: 'def' });
  t.is(parseRecipeOptions([], {}).token, undefined);
  const error = t.throws(() => parseRecipeOptions(['--token', 'abc', 'stray'], {}));
  t.is(error.message, '2 problems with the options:\n  unexpected argument: stray\n'
    + '  expected --token to be NAME:TOKEN, as `pony-build tokens add` printed it, got a value without a colon (3 characters)');
});

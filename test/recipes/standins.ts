// Local stand-ins for the projects the recipes build, with the same shape and commands but
// built in a fraction of a second and with no network: a CPython-like tree (configure,
// Makefile, a `python` whose `-m test` behaves like regrtest), pony-build itself, an npm
// package, and a library with an application that depends on it.
import type { ExecutionContext } from 'ava';
import { executable, makeGitRepository, type GitRepository } from './git-repository.ts';

export interface CpythonStandin extends GitRepository {
  revisions: { main: string; release: string; broken: string };
}

/**
 * Branches: `main` (3.14.0a1+, every test passes), `3.13` (3.13.1+, passes) and `broken`
 * (off main, where test_os.FileTests.test_access fails).
 */
export async function makeCpythonStandin(t: ExecutionContext): Promise<CpythonStandin> {
  const repository = await makeGitRepository(t, 'cpython');
  const main = await repository.commit('gh-1: the stand-in interpreter', {
    configure: executable(configureScript),
    'Makefile.pre.in': makefileTemplate,
    'Programs/python.sh': executable(pythonScript),
    'Include/patchlevel.h': writePatchlevel('3.14.0a1+'),
    'Lib/test/outcomes.txt': writeOutcomes('passed'),
  });
  await repository.git('checkout', '--quiet', '-b', '3.13');
  const release = await repository.commit('[3.13] Post 3.13.1', { 'Include/patchlevel.h': writePatchlevel('3.13.1+') });
  await repository.git('checkout', '--quiet', '-b', 'broken', 'main');
  const broken = await repository.commit('gh-2: break os.access', { 'Lib/test/outcomes.txt': writeOutcomes('failed') });
  await repository.git('checkout', '--quiet', 'main');
  return { ...repository, revisions: { main, release, broken } };
}

// Like CPython's configure: options only, and a Makefile made from Makefile.pre.in.
const configureScript = `#!/bin/sh
for flag in "$@"; do
  case "$flag" in
    --*) echo "checking whether to use $flag... yes" ;;
    *) echo "configure: error: invalid argument: $flag" >&2; exit 1 ;;
  esac
done
{ printf 'CONFIGURE_FLAGS = %s\\n' "$*"; cat Makefile.pre.in; } > Makefile
echo "configure: creating Makefile"
`;

const makefileTemplate = `all: python

python: Programs/python.sh
\tcp Programs/python.sh python
\tchmod +x python
\techo '$(CONFIGURE_FLAGS)' > build-flags.txt
`;

// Understands \`-m test [-jN | -j N] [--junit-xml FILE] [test names]\`, prints a regrtest-like
// progress and summary, writes regrtest-shaped JUnit XML, and exits 2 when a test failed.
const pythonScript = `#!/bin/sh
if [ "$1" != -m ] || [ "$2" != test ]; then echo "stand-in python: only -m test is built in" >&2; exit 1; fi
shift 2
here=$(dirname "$0")
jobs=1; xml=; selected=
while [ $# -gt 0 ]; do
  case "$1" in
    -j) jobs=$2; shift ;;
    -j*) jobs=\${1#-j} ;;
    --junit-xml) xml=$2; shift ;;
    -*) echo "regrtest: error: unrecognized arguments: $1" >&2; exit 2 ;;
    *) selected="$selected $1" ;;
  esac
  shift
done
modules=$(cut -d' ' -f1 "$here/Lib/test/outcomes.txt" | uniq)
if [ -n "$selected" ]; then modules=$selected; fi
count=$(echo $modules | wc -w)
echo "== CPython $(sed -n 's/.*PY_VERSION[[:space:]]*"\\(.*\\)".*/\\1/p' "$here/Include/patchlevel.h") (stand-in)"
echo "0:00:00 load avg: 0.00 Run $count tests in parallel using $jobs worker processes"
index=0; total=0; failures=0; failed_modules=; suites=
for module in $modules; do
  index=$((index + 1)); cases=; module_tests=0; module_failures=0
  while read -r name class method status; do
    [ "$name" = "$module" ] || continue
    module_tests=$((module_tests + 1))
    case_name="test.$module.$class.$method"
    if [ "$status" = failed ]; then
      module_failures=$((module_failures + 1))
      cases="$cases<testcase name=\\"$case_name\\" status=\\"run\\" result=\\"completed\\" time=\\"0.002\\"><failure type=\\"AssertionError\\" message=\\"AssertionError: False is not true\\">Traceback (most recent call last):
  File \\"Lib/test/$module.py\\", line 42, in $method
AssertionError: False is not true</failure></testcase>"
    else
      cases="$cases<testcase name=\\"$case_name\\" status=\\"run\\" result=\\"completed\\" time=\\"0.001\\" />"
    fi
  done < "$here/Lib/test/outcomes.txt"
  total=$((total + module_tests)); failures=$((failures + module_failures))
  suites="$suites<testsuite name=\\"$module\\" tests=\\"$module_tests\\" errors=\\"0\\" failures=\\"$module_failures\\">$cases</testsuite>"
  if [ $module_failures -gt 0 ]; then
    failed_modules="$failed_modules $module"
    echo "0:00:00 load avg: 0.00 [$index/$count/1] $module failed ($module_failures failure)"
  else
    echo "0:00:00 load avg: 0.00 [$index/$count] $module passed"
  fi
done
if [ -n "$xml" ]; then
  printf '<testsuites tests="%s" errors="0" failures="%s">%s</testsuites>\\n' "$total" "$failures" "$suites" > "$xml"
fi
echo
if [ $failures -gt 0 ]; then
  echo "1 test failed:"
  echo "   $failed_modules"
  echo
  echo "Total tests: run=$total failures=$failures"
  echo "Result: FAILURE"
  exit 2
fi
echo "All $count tests OK."
echo
echo "Total tests: run=$total"
echo "Result: SUCCESS"
`;

function writePatchlevel(version: string): string {
  return `/* Python version identification scheme (stand-in) */\n#define PY_MAJOR_VERSION ${version[0]}\n#define PY_VERSION      \t"${version}"\n`;
}

function writeOutcomes(accessOutcome: 'passed' | 'failed'): string {
  return [
    'test_grammar GrammarTests test_eof passed',
    'test_grammar GrammarTests test_comments passed',
    'test_os FileTests test_read passed',
    `test_os FileTests test_access ${accessOutcome}`,
  ].join('\n') + '\n';
}

/** pony-build in miniature: a package with a lockfile (so `npm ci` works offline) and a test script. */
export async function makePonyBuildStandin(t: ExecutionContext): Promise<GitRepository> {
  const repository = await makeGitRepository(t, 'pony-build');
  await repository.commit('the stand-in project', {
    'package.json': writePackageJson('pony-build-standin', '0.1.0', { test: `node -e "console.log('checked types'); console.log('3 tests passed')"` }),
    'package-lock.json': writeLockfile('pony-build-standin', '0.1.0'),
  });
  return repository;
}

/**
 * An npm package without a lockfile (so the recipe must `npm install`). Its build runs
 * `hello-sandbox`, which only a node sandbox with that package puts on PATH, and writes dist/;
 * its test reads dist/.
 */
export async function makeNpmPackageStandin(t: ExecutionContext): Promise<GitRepository> {
  const repository = await makeGitRepository(t, 'greeting.git');
  await repository.commit('the stand-in package', {
    'package.json': writePackageJson('greeting', '2.0.0', { build: 'hello-sandbox && node build.js', test: 'node test.js' }, { main: 'dist/index.js', files: ['dist'] }),
    'src/index.js': `exports.greet = (name) => \`hello, \${name}\`;\n`,
    'build.js': `const fs = require('node:fs');\nfs.mkdirSync('dist', { recursive: true });\nfs.copyFileSync('src/index.js', 'dist/index.js');\nconsole.log('built dist/index.js');\n`,
    'test.js': `const assert = require('node:assert');\nassert.equal(require('./dist/index.js').greet('pony'), 'hello, pony');\nconsole.log('1 test passed');\n`,
    '.gitignore': 'dist/\nnode_modules/\n*.tgz\n',
  });
  return repository;
}

export interface ChainStandins {
  library: GitRepository;
  app: GitRepository;
  /** The library's first release, before `shout`, which the app needs. */
  libraryV1: string;
}

/**
 * A library whose built package (dist/, made by its build script) gains `shout` only in its
 * latest commit, and an application whose test needs `shout`: it passes only when built
 * against the freshly built library. The application does not list the library in its
 * package.json, because `npm ci` offline could not fetch it; the recipe installs the tarball.
 */
export async function makeChainStandins(t: ExecutionContext): Promise<ChainStandins> {
  const library = await makeGitRepository(t, 'chain-lib');
  const libraryFiles = (version: string, source: string) => ({
    'package.json': writePackageJson('chain-lib', version, { build: 'node build.js', test: 'node test.js' }, { main: 'dist/index.js', files: ['dist'] }),
    'package-lock.json': writeLockfile('chain-lib', version),
    'src/index.js': source,
    'build.js': `const fs = require('node:fs');\nfs.mkdirSync('dist', { recursive: true });\nfs.copyFileSync('src/index.js', 'dist/index.js');\nconsole.log('built chain-lib');\n`,
    'test.js': `const assert = require('node:assert');\nassert.equal(require('./dist/index.js').greet('a'), 'hello, a');\nconsole.log('library tests passed');\n`,
    '.gitignore': 'dist/\nnode_modules/\n*.tgz\n',
  });
  const libraryV1 = await library.commit('chain-lib 1.0.0', libraryFiles('1.0.0', `exports.greet = (name) => \`hello, \${name}\`;\n`));
  await library.git('tag', 'v1');
  await library.commit('add shout', libraryFiles('1.1.0', `exports.greet = (name) => \`hello, \${name}\`;\nexports.shout = (text) => \`\${text.toUpperCase()}!\`;\n`));

  const app = await makeGitRepository(t, 'chain-app');
  await app.commit('the app', {
    'package.json': writePackageJson('chain-app', '1.0.0', { test: 'node test.js' }),
    'package-lock.json': writeLockfile('chain-app', '1.0.0'),
    'test.js':
      `const assert = require('node:assert');\nconst lib = require('chain-lib');\n` +
      `assert.equal(typeof lib.shout, 'function', 'chain-lib has no shout(): not the freshly built library');\n` +
      `assert.equal(lib.shout('hi'), 'HI!');\nconsole.log('app tests passed with chain-lib', require('chain-lib/package.json').version);\n`,
  });
  return { library, app, libraryV1 };
}

function writePackageJson(name: string, version: string, scripts: Record<string, string>, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ name, version, private: true, license: 'MIT', scripts, ...extra }, null, 2)}\n`;
}

// A lockfile for a package with no dependencies: all `npm ci` needs, and nothing to fetch.
function writeLockfile(name: string, version: string): string {
  return `${JSON.stringify({ name, version, lockfileVersion: 3, requires: true, packages: { '': { name, version, license: 'MIT' } } }, null, 2)}\n`;
}

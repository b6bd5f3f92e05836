// Builds CPython from git and runs its regression tests, the original pony-build's flagship
// recipe: clone, ./configure, make, regrtest. Needs git, a C toolchain and make.
//
//   npx tsx recipes/build-cpython.ts                      # main, local run
//   CPYTHON_REF=3.13 npx tsx recipes/build-cpython.ts --report URL
//
// Settings (environment variables, since the command line takes pony-build's own options):
//   CPYTHON_REPO             git URL to clone (default https://github.com/python/cpython.git)
//   CPYTHON_REF              branch, tag or commit (default main); `3.13` tags the build
//                            `python3.13`, `main` tags it `python-main`
//   CPYTHON_CONFIGURE_FLAGS  extra ./configure flags, split on spaces (e.g. `--with-pydebug`)
//   CPYTHON_TEST_FLAGS       extra regrtest arguments, split on spaces (e.g. `test_os test_sys`)
//
// Steps: the checkout (setup), `configure` (setup), `make -j<cores>` (build) and `regrtest`
// (test, up to 2 hours). `client_info.python_version` is PY_VERSION from Include/patchlevel.h.
import { gitCheckout, tempDir } from '../contexts/index.ts';
import { build, setup, test } from '../runner/index.ts';
import { countCores } from './lib/count-cores.ts';
import { getPythonVersionTag } from './lib/python-version.ts';
import { quoteShellWord } from './lib/quote-shell-word.ts';
import { readPythonVersion } from './lib/read-python-version.ts';
import { runRecipeWithSettings } from './lib/run-recipe-with-settings.ts';

const hours = 60 * 60;

await runRecipeWithSettings((settings) => {
  const url = settings.read('CPYTHON_REPO', 'the git URL of CPython', 'https://github.com/python/cpython.git');
  const ref = settings.read('CPYTHON_REF', 'the branch, tag or commit to build', 'main');
  const configureFlags = settings.readList('CPYTHON_CONFIGURE_FLAGS', 'extra ./configure flags, space-separated', 'whitespace');
  const testFlags = settings.readList('CPYTHON_TEST_FLAGS', 'extra regrtest arguments, space-separated', 'whitespace');
  const cores = countCores();
  const versionTag = getPythonVersionTag(ref);
  return {
    package: 'cpython',
    tags: versionTag === undefined ? [] : [versionTag],
    contexts: [tempDir(), gitCheckout({ url, ref, directory: 'cpython' }), readPythonVersion()],
    steps: [
      setup(['./configure', ...configureFlags], { name: 'configure', timeout: 0.5 * hours }),
      build(['make', `-j${cores}`], { name: 'make', timeout: 1 * hours }),
      // The build leaves `python`, or `python.exe` on macOS's case-insensitive file systems.
      // regrtest writes test-results.xml (JUnit XML): the per-test results come from it.
      test(
        `PYTHON=./python; if [ -x ./python.exe ]; then PYTHON=./python.exe; fi; ` +
          `exec "$PYTHON" -m test -j${cores} --junit-xml test-results.xml${testFlags.map((flag) => ` ${quoteShellWord(flag)}`).join('')}`,
        { shell: true, name: 'regrtest', timeout: 2 * hours, testReport: { junit: 'test-results.xml' } },
      ),
    ],
  };
});

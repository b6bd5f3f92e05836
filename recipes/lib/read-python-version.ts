// A context rather than a function step, because contexts may add `client_info` keys and
// steps may not: the exact version then travels with the result as `python_version`. Put it
// after the checkout; it reads the header in the directory the checkout moved the build to.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ContextError, type BuildContext } from '../../runner/index.ts';
import { parsePythonVersion } from './python-version.ts';

const name = 'python version';
const header = path.join('Include', 'patchlevel.h');

export function readPythonVersion(): BuildContext {
  let version: string | undefined;
  return {
    name,
    async enter(scope) {
      const file = path.join(scope.cwd, header);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new ContextError(name, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); is this a CPython checkout?`);
      }
      version = parsePythonVersion(text);
      if (version === undefined) {
        throw new ContextError(name, `${file} has no \`#define PY_VERSION "..."\` line; is this a CPython checkout?`);
      }
      scope.info.python_version = version;
    },
    describe: () => `Python ${version} (from ${header})`,
    async exit() {},
  };
}

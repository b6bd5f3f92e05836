// Contexts plug into the runner through its public surface only, so the runner's insides can
// change without breaking them; the wire's types and describer are the contract both share.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';

const root = fileURLToPath(new URL('../../', import.meta.url));
const contextsDirectory = path.join(root, 'contexts');
const allowedRoots = ['contexts/', 'wire/'];
const allowedFiles = ['runner/index.ts'];

// `import ... from '...'`, `export ... from '...'`, bare `import '...'` and `import('...')`.
const specifierPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function listSourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function findForbiddenImports(file: string, text: string): string[] {
  return [...text.matchAll(specifierPattern)]
    .map((match) => match[1])
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => {
      const target = path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
      return !allowedFiles.includes(target) && !allowedRoots.some((allowed) => target.startsWith(allowed));
    })
    .map((specifier) => `${path.relative(root, file)} imports ${specifier}`);
}

test('contexts import the runner only through runner/index.ts, besides wire/ and each other', (t) => {
  const files = listSourceFiles(contextsDirectory);
  t.true(files.length > 20, `found only ${files.length} files under ${contextsDirectory}`);
  t.deepEqual(files.flatMap((file) => findForbiddenImports(file, readFileSync(file, 'utf8'))), []);
});

test('the check names every import past the runner\'s public surface, and none of the allowed ones', (t) => {
  const file = path.join(contextsDirectory, 'checkout', 'example.ts');
  const text = [
    "import { setup } from '../../runner/steps/step-spec.ts';",
    "import { ContextError, type ContextScope } from '../../runner/index.ts';",
    "import type { StepResult } from '../../wire/types.ts';",
    "import { getCachePath } from './cache-path.ts';",
    "import path from 'node:path';",
    "export { serve } from '../../server/index.ts';",
    "const runner = await import('../../runner/run/run-build.ts');",
  ].join('\n');
  t.deepEqual(findForbiddenImports(file, text), [
    'contexts/checkout/example.ts imports ../../runner/steps/step-spec.ts',
    'contexts/checkout/example.ts imports ../../server/index.ts',
    'contexts/checkout/example.ts imports ../../runner/run/run-build.ts',
  ]);
});

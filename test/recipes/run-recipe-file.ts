// Runs one of the project's recipes as a real child process, the way cron would: in a fresh
// working directory, with its own clone cache and npm kept offline, then reads the result
// file the local run wrote.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ExecutionContext } from 'ava';
import type { ResultDocument } from '../../runner/index.ts';
import { projectRoot, runTypeScript, type Finished } from '../helpers/child-process.ts';
import { makeTempDir } from '../helpers/temp.ts';

export const offlineNpm = { npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

// Settings the developer's own shell may have exported must not leak into a test's run.
const recipeVariables = [
  'CPYTHON_REPO', 'CPYTHON_REF', 'CPYTHON_CONFIGURE_FLAGS', 'CPYTHON_TEST_FLAGS',
  'PONY_BUILD_REPO', 'PONY_BUILD_REF',
  'NPM_PACKAGE_REPO', 'NPM_PACKAGE_REF', 'NPM_PACKAGE_NAME', 'NPM_PACKAGE_SANDBOX_DEPS',
  'CHAIN_LIBRARY_REPO', 'CHAIN_LIBRARY_REF', 'CHAIN_APP_REPO', 'CHAIN_APP_REF', 'CHAIN_PACKAGE_NAME',
];
const unsetRecipeVariables = Object.fromEntries(recipeVariables.map((name) => [name, undefined]));

export interface RecipeRun extends Finished {
  cwd: string;
  /** Every result file the run wrote in `pony-results/`. */
  readResults(): ResultDocument[];
  /** The one result file; throws when there is not exactly one. */
  readResult(): ResultDocument;
}

export async function runRecipeFile(t: ExecutionContext, recipe: string, args: string[], env: NodeJS.ProcessEnv): Promise<RecipeRun> {
  const cwd = makeTempDir(t, 'pony-test-recipe-');
  const finished = await runTypeScript(path.join(projectRoot, 'recipes', recipe), args, {
    cwd,
    env: { ...unsetRecipeVariables, PONY_BUILD_CACHE: path.join(cwd, 'cache'), ...offlineNpm, ...env },
  });
  const readResults = () => {
    const directory = path.join(cwd, 'pony-results');
    const files = readdirSafely(directory);
    return files.map((file) => JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as ResultDocument);
  };
  const readResult = () => {
    const results = readResults();
    if (results.length !== 1) {
      throw new Error(`expected one result file, found ${results.length}:\n${finished.stdout}\n${finished.stderr}`);
    }
    return results[0];
  };
  return { ...finished, cwd, readResults, readResult };
}

/** Removes what `-N` kept (the temp dir, a sandbox) when the test ends. */
export function removeWhenDone(t: ExecutionContext, ...directories: unknown[]): void {
  for (const directory of directories) {
    if (typeof directory === 'string' && directory !== '') {
      t.teardown(() => rmSync(directory, { recursive: true, force: true }));
    }
  }
}

/** `[name, type, status]` of every step, for one readable assertion. */
export function listSteps(document: ResultDocument): Array<[string, string, number]> {
  return document.results_list.map((step) => [step.name, step.type, step.status]);
}

function readdirSafely(directory: string): string[] {
  try {
    return readdirSync(directory).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
}

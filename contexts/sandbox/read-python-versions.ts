// What a virtualenv holds, asked of its own interpreter: only it knows where
// its site-packages are (lib/python3.X, lib64, a Debian layout...).
import { ContextError, readCommandOutput, type ContextScope } from '../../runner/index.ts';

// One line, so that a failure message quoting the command stays readable.
const listDistributions = "import importlib.metadata as m, json, platform; print(json.dumps({'python': platform.python_version(), 'packages': {d.metadata['Name']: d.version for d in m.distributions()}}))";

export interface PythonVersions {
  python: string;
  /** Every distribution in the venv, pip and setuptools included: all of it decides how the build behaves. */
  packages: Record<string, string>;
}

export async function readPythonVersions(contextName: string, python: string, scope: Pick<ContextScope, 'cwd' | 'env' | 'signal'>): Promise<PythonVersions> {
  try {
    // PYTHONHOME would point the venv's interpreter at another installation's library.
    const answer = await readCommandOutput([python, '-c', listDistributions], { cwd: scope.cwd, env: { ...scope.env, PYTHONHOME: undefined }, signal: scope.signal });
    const parsed = JSON.parse(answer) as PythonVersions;
    return { python: parsed.python, packages: sortByName(parsed.packages) };
  } catch (error) {
    throw new ContextError(contextName, `could not list the packages of the virtualenv: ${(error as Error).message}`);
  }
}

function sortByName(packages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b)));
}

// What a virtualenv holds, asked of its own interpreter: only it knows where
// its site-packages are (lib/python3.X, lib64, a Debian layout...).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ContextError, type ContextScope } from '../../runner/context.ts';

const runFile = promisify(execFile);

const listDistributions = `
import importlib.metadata, json, platform
print(json.dumps({
    'python': platform.python_version(),
    'packages': {d.metadata['Name']: d.version for d in importlib.metadata.distributions()},
}))
`;

export interface PythonVersions {
  python: string;
  /** Every distribution in the venv, pip and setuptools included: all of it decides how the build behaves. */
  packages: Record<string, string>;
}

export async function readPythonVersions(
  contextName: string,
  python: string,
  scope: Pick<ContextScope, 'env' | 'signal'>,
): Promise<PythonVersions> {
  // PYTHONHOME would point the venv's interpreter at another installation's library.
  const env = Object.fromEntries(Object.entries(scope.env).filter(([key, value]) => value !== undefined && key !== 'PYTHONHOME'));
  try {
    const { stdout } = await runFile(python, ['-c', listDistributions], { env, signal: scope.signal, timeout: 60_000 });
    const parsed = JSON.parse(stdout) as PythonVersions;
    return { python: parsed.python, packages: sortByName(parsed.packages) };
  } catch (error) {
    throw new ContextError(contextName, `could not list the packages of the virtualenv with \`${python}\`: ${(error as Error).message}`);
  }
}

function sortByName(packages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b)));
}

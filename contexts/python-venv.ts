// The original's VirtualenvContext: a fresh Python venv with the build's
// packages, first on PATH, so `python`, `pip` and installed scripts in steps
// are the venv's and nothing from the machine's site-packages leaks in.
import path from 'node:path';
import type { BuildContext, ContextScope, WireStruct } from '../runner/index.ts';
import { prependSearchPath } from './sandbox/change-environment.ts';
import { createSandboxContext, type SandboxOptions } from './sandbox/create-sandbox-context.ts';
import { installPackages, runSandboxStep, throwUnlessPassed } from './sandbox/install-packages.ts';
import { readPythonVersions } from './sandbox/read-python-versions.ts';

export interface PythonVenvOptions extends SandboxOptions {
  /** pip requirement specs (`requests==2.32.3`, `./wheels/tool.whl`, `.`); any failure stops the build. */
  packages?: string[];
  /** Installed one by one; one that fails is recorded and the build goes on without it. */
  optionalPackages?: string[];
  /** The interpreter that creates the venv; default `python3`. */
  python?: string;
  /** pip's `--index-url`, e.g. a local mirror. */
  indexUrl?: string;
}

const name = 'python venv';

export function pythonVenv(options: PythonVenvOptions = {}): BuildContext {
  return createSandboxContext<PythonVenvOptions>(
    {
      name,
      constructorName: 'pythonVenv',
      optionKinds: { packages: 'string list', optionalPackages: 'string list', python: 'string', directory: 'string', indexUrl: 'string', keep: 'boolean' },
      tempPrefix: 'pony-build-venv-',
      fill: fillVenv,
      // What `bin/activate` does, minus the prompt.
      getEnvironment: (venv, env) => ({ PATH: prependSearchPath(path.join(venv, 'bin'), env.PATH), VIRTUAL_ENV: venv, PYTHONHOME: undefined }),
      describe: (venv) => `python and packages from ${venv} first on PATH`,
    },
    options,
  );
}

async function fillVenv(scope: ContextScope, venv: string, options: PythonVenvOptions): Promise<WireStruct> {
  const python = options.python ?? 'python3';
  const created = await runSandboxStep(scope, [python, '-m', 'venv', venv], { name: 'create python venv' });
  throwUnlessPassed(name, `create a venv with \`${python}\``, created);
  const venvPython = path.join(venv, 'bin', 'python');
  await installPackages(scope, {
    contextName: name,
    label: 'python packages',
    itemLabel: 'python package',
    required: options.packages ?? [],
    optional: options.optionalPackages ?? [],
    makeCommand: (packages) => makePipInstall(venvPython, packages, options.indexUrl),
    // PYTHONHOME would point the venv's interpreter at another installation's library.
    env: { PYTHONHOME: undefined },
  });
  const versions = await readPythonVersions(name, venvPython, scope);
  // The original sent `virtualenv: True`; the path says as much and where.
  return { virtualenv: venv, python_version: versions.python, python_dependencies: versions.packages };
}

function makePipInstall(python: string, packages: readonly string[], indexUrl: string | undefined): string[] {
  // The version check would reach out to PyPI on every install, and a prompt would hang the build.
  const command = [python, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-input'];
  if (indexUrl !== undefined) {
    command.push('--index-url', indexUrl);
  }
  return [...command, ...packages];
}

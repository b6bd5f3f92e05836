// The original's VirtualenvContext: a fresh Python venv with the build's
// packages, first on PATH, so `python`, `pip` and installed scripts in steps
// are the venv's and nothing from the machine's site-packages leaks in.
import path from 'node:path';
import type { BuildContext, ContextScope } from '../runner/context.ts';
import { setup } from '../runner/steps/step-spec.ts';
import { changeEnvironment, prependSearchPath } from './sandbox/change-environment.ts';
import { installPackages, throwUnlessPassed } from './sandbox/install-packages.ts';
import { readPythonVersions } from './sandbox/read-python-versions.ts';
import { createSandboxDirectory, removeSandboxDirectory } from './sandbox/sandbox-directory.ts';
import { validateContextOptions } from './sandbox/validate-options.ts';

export interface PythonVenvOptions {
  /** pip requirement specs (`requests==2.32.3`, `./wheels/tool.whl`, `.`); any failure stops the build. */
  packages?: string[];
  /** Installed one by one; one that fails is recorded and the build goes on without it. */
  optionalPackages?: string[];
  /** The interpreter that creates the venv; default `python3`. */
  python?: string;
  /** The venv, relative to the build directory; it must be empty or missing. Default: a fresh temp dir. */
  directory?: string;
  /** pip's `--index-url`, e.g. a local mirror. */
  indexUrl?: string;
  /** Keep the venv afterwards even without --no-clean-temp. */
  keep?: boolean;
}

const name = 'python venv';

export function pythonVenv(options: PythonVenvOptions = {}): BuildContext {
  validateContextOptions('pythonVenv', options, {
    packages: 'string list',
    optionalPackages: 'string list',
    python: 'string',
    directory: 'string',
    indexUrl: 'string',
    keep: 'boolean',
  });
  let venv: string | undefined;
  let restoreEnvironment = () => {};
  return {
    name,
    async enter(scope: ContextScope) {
      venv = await createSandboxDirectory(name, scope, options.directory, 'pony-build-venv-');
      try {
        await fillVenv(scope, venv, options);
      } catch (error) {
        // The runner only leaves contexts that were entered, so a failed enter cleans up after itself.
        await removeSandboxDirectory(scope, venv, options.keep);
        throw error;
      }
      // What `bin/activate` does, minus the prompt.
      restoreEnvironment = changeEnvironment(scope.env, {
        PATH: prependSearchPath(path.join(venv, 'bin'), scope.env.PATH),
        VIRTUAL_ENV: venv,
        PYTHONHOME: undefined,
      });
    },
    describe: () => `python and packages from ${venv} first on PATH`,
    async exit(scope: ContextScope) {
      restoreEnvironment();
      restoreEnvironment = () => {};
      if (venv !== undefined) {
        await removeSandboxDirectory(scope, venv, options.keep);
      }
    },
  };
}

async function fillVenv(scope: ContextScope, venv: string, options: PythonVenvOptions): Promise<void> {
  const python = options.python ?? 'python3';
  const created = await scope.runStep(setup([python, '-m', 'venv', venv], { name: 'create python venv' }));
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
  scope.info.virtualenv = venv;
  scope.info.python_version = versions.python;
  scope.info.python_dependencies = versions.packages;
}

function makePipInstall(python: string, packages: readonly string[], indexUrl: string | undefined): string[] {
  // The version check would reach out to PyPI on every install, and a prompt would hang the build.
  const command = [python, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-input'];
  if (indexUrl !== undefined) {
    command.push('--index-url', indexUrl);
  }
  return [...command, ...packages];
}

// The original's VirtualenvContext for Node: the build's tools are installed
// into a private prefix, so a build proves what it needs instead of relying on
// whatever happens to be installed on the build machine.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, ContextScope } from '../runner/context.ts';
import { changeEnvironment, prependSearchPath } from './sandbox/change-environment.ts';
import { installPackages } from './sandbox/install-packages.ts';
import { readNodeVersions } from './sandbox/read-node-versions.ts';
import { createSandboxDirectory, removeSandboxDirectory } from './sandbox/sandbox-directory.ts';
import { validateContextOptions } from './sandbox/validate-options.ts';

export interface NodeSandboxOptions {
  /** npm package specs (`is-number@7`, `file:../tool.tgz`); any failure stops the build. */
  dependencies?: string[];
  /** Installed one by one; one that fails is recorded and the build goes on without it. */
  optionalDependencies?: string[];
  /** The prefix, relative to the build directory; it must be empty or missing. Default: a fresh temp dir. */
  directory?: string;
  /** npm registry URL, e.g. a local mirror. */
  registry?: string;
  /** Keep the prefix afterwards even without --no-clean-temp. */
  keep?: boolean;
}

const name = 'node sandbox';

export function nodeSandbox(options: NodeSandboxOptions = {}): BuildContext {
  validateContextOptions('nodeSandbox', options, {
    dependencies: 'string list',
    optionalDependencies: 'string list',
    directory: 'string',
    registry: 'string',
    keep: 'boolean',
  });
  let prefix: string | undefined;
  let restoreEnvironment = () => {};
  return {
    name,
    async enter(scope: ContextScope) {
      prefix = await createSandboxDirectory(name, scope, options.directory, 'pony-build-node-sandbox-');
      try {
        await fillSandbox(scope, prefix, options);
      } catch (error) {
        // The runner only leaves contexts that were entered, so a failed enter cleans up after itself.
        await removeSandboxDirectory(scope, prefix, options.keep);
        throw error;
      }
      const modules = path.join(prefix, 'node_modules');
      restoreEnvironment = changeEnvironment(scope.env, {
        PATH: prependSearchPath(path.join(modules, '.bin'), scope.env.PATH),
        // NODE_PATH reaches `require()` only: ESM `import` ignores it, so an ES
        // module finds sandbox packages only through their bins on PATH or an
        // import by absolute path.
        NODE_PATH: prependSearchPath(modules, scope.env.NODE_PATH),
      });
    },
    describe: () => `packages from ${prefix} first on PATH`,
    async exit(scope: ContextScope) {
      restoreEnvironment();
      restoreEnvironment = () => {};
      if (prefix !== undefined) {
        await removeSandboxDirectory(scope, prefix, options.keep);
      }
    },
  };
}

async function fillSandbox(scope: ContextScope, prefix: string, options: NodeSandboxOptions): Promise<void> {
  // Each install saves to this manifest; with `--no-save`, npm would prune the
  // packages an earlier install step put there as extraneous.
  await writeFile(path.join(prefix, 'package.json'), `${JSON.stringify({ name: 'pony-build-sandbox', private: true }, null, 2)}\n`);
  await installPackages(scope, {
    contextName: name,
    label: 'node dependencies',
    itemLabel: 'node dependency',
    required: options.dependencies ?? [],
    optional: options.optionalDependencies ?? [],
    makeCommand: (packages) => makeNpmInstall(prefix, packages, options.registry),
  });
  scope.info.node_sandbox = prefix;
  scope.info.node_dependencies = await readNodeVersions(prefix);
}

function makeNpmInstall(prefix: string, packages: readonly string[], registry: string | undefined): string[] {
  // `--install-links` copies a local directory in as npm would from the
  // registry, rather than linking back into a tree the build may change.
  const command = ['npm', 'install', '--prefix', prefix, '--no-audit', '--no-fund', '--install-links'];
  if (registry !== undefined) {
    command.push('--registry', registry);
  }
  return [...command, ...packages];
}

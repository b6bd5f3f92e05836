// The original's VirtualenvContext for Node: the build's tools are installed
// into a private prefix, so a build proves what it needs instead of relying on
// whatever happens to be installed on the build machine.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, ContextScope, WireStruct } from '../runner/index.ts';
import { prependSearchPath } from './sandbox/change-environment.ts';
import { createSandboxContext, type SandboxOptions } from './sandbox/create-sandbox-context.ts';
import { installPackages } from './sandbox/install-packages.ts';
import { readNodeVersions } from './sandbox/read-node-versions.ts';

export interface NodeSandboxOptions extends SandboxOptions {
  /** npm package specs (`is-number@7`, `file:../tool.tgz`); any failure stops the build. */
  dependencies?: string[];
  /** Installed one by one; one that fails is recorded and the build goes on without it. */
  optionalDependencies?: string[];
  /** npm registry URL, e.g. a local mirror. */
  registry?: string;
}

const name = 'node sandbox';

export function nodeSandbox(options: NodeSandboxOptions = {}): BuildContext {
  return createSandboxContext<NodeSandboxOptions>(
    {
      name,
      constructorName: 'nodeSandbox',
      optionKinds: { dependencies: 'string list', optionalDependencies: 'string list', directory: 'string', registry: 'string', keep: 'boolean' },
      tempPrefix: 'pony-build-node-sandbox-',
      fill: fillSandbox,
      getEnvironment: (prefix, env) => {
        const modules = path.join(prefix, 'node_modules');
        return {
          PATH: prependSearchPath(path.join(modules, '.bin'), env.PATH),
          // NODE_PATH reaches `require()` only: ESM `import` ignores it, so an ES
          // module finds sandbox packages only through their bins on PATH or an
          // import by absolute path.
          NODE_PATH: prependSearchPath(modules, env.NODE_PATH),
        };
      },
      describe: (prefix) => `packages from ${prefix} first on PATH`,
    },
    options,
  );
}

async function fillSandbox(scope: ContextScope, prefix: string, options: NodeSandboxOptions): Promise<WireStruct> {
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
  return { node_sandbox: prefix, node_dependencies: await readNodeVersions(prefix) };
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

// The lifecycle every sandbox shares: options checked when the recipe builds the context; on
// entering, a private directory made, the packages installed into it, what it holds recorded
// in `client_info` and the environment changed for the steps inside; on leaving, the
// environment given back and the directory removed unless the build keeps its leftovers.
// A sandbox module supplies only what differs: how to fill the directory and which
// variables point into it.
import type { BuildContext, ContextScope, WireStruct } from '../../runner/index.ts';
import { changeEnvironment } from './change-environment.ts';
import { createSandboxDirectory, removeSandboxDirectory } from './sandbox-directory.ts';
import { validateContextOptions, type OptionKind } from './validate-options.ts';

export interface SandboxOptions {
  /** The sandbox, relative to the build directory; it must be empty or missing. Default: a fresh temp dir. */
  directory?: string;
  /** Keep it afterwards even without --no-clean-temp. */
  keep?: boolean;
}

export interface SandboxDriver<Options extends SandboxOptions> {
  /** For headers and errors: `python venv`. */
  name: string;
  /** The constructor as a recipe writes it, for messages: `pythonVenv`. */
  constructorName: string;
  /** Every option the constructor takes, with its kind. */
  optionKinds: Readonly<Record<keyof Options & string, OptionKind>>;
  /** The start of the default directory's name under the system's temp dir. */
  tempPrefix: string;
  /** Installs into the new, empty `directory`; returns the `client_info` keys that say what it holds. */
  fill(scope: ContextScope, directory: string, options: Options): Promise<WireStruct>;
  /** The variables the steps inside see changed; `undefined` unsets one. */
  getEnvironment(directory: string, env: ContextScope['env']): Record<string, string | undefined>;
  /** One line for the terminal once entered. */
  describe(directory: string): string;
}

export function createSandboxContext<Options extends SandboxOptions>(driver: SandboxDriver<Options>, options: Options): BuildContext {
  validateContextOptions(driver.constructorName, options, driver.optionKinds);
  let directory: string | undefined;
  let restoreEnvironment = () => {};
  return {
    name: driver.name,
    async enter(scope: ContextScope) {
      const created = await createSandboxDirectory(driver.name, scope, options.directory, driver.tempPrefix);
      try {
        Object.assign(scope.info, await driver.fill(scope, created, options));
      } catch (error) {
        // The runner only leaves contexts that were entered, so a failed enter cleans up after itself.
        await removeSandboxDirectory(scope, created, options.keep);
        throw error;
      }
      directory = created;
      restoreEnvironment = changeEnvironment(scope.env, driver.getEnvironment(created, scope.env));
    },
    describe: () => driver.describe(directory!),
    async exit(scope: ContextScope) {
      restoreEnvironment();
      restoreEnvironment = () => {};
      if (directory !== undefined) {
        await removeSandboxDirectory(scope, directory, options.keep);
        directory = undefined;
      }
    },
  };
}

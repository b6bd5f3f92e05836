// Installs a sandbox's packages as recorded setup steps, so the report shows
// each command and its output. Required packages go in one step and must
// install; optional ones go one per step so that one failure names its package
// and leaves the others installed.
import { ContextError, getOutputTail, setup, type CommandStepOptions, type ContextScope, type StepResult } from '../../runner/index.ts';

// pip may build a package from source (a C extension, say) and npm may run install scripts
// that compile; an hour is well beyond a healthy install and still ends one that hangs on a
// dead mirror instead of holding the build machine.
const INSTALL_TIMEOUT_SECONDS = 60 * 60;

export interface PackageInstall {
  contextName: string;
  /** How the packages are called in step names, e.g. `node dependencies`... */
  label: string;
  /** ...and one of them, e.g. `node dependency`. */
  itemLabel: string;
  required: readonly string[];
  optional: readonly string[];
  /** The argv that installs these packages into the sandbox. */
  makeCommand: (packages: readonly string[]) => string[];
  /** Variables the install commands need changed, on top of the build's. */
  env?: Record<string, string | undefined>;
}

/** Returns the optional packages that could not be installed. */
export async function installPackages(scope: ContextScope, install: PackageInstall): Promise<string[]> {
  if (install.required.length > 0) {
    const result = await runSandboxStep(scope, install.makeCommand(install.required), { name: `install ${install.label}`, env: install.env });
    throwUnlessPassed(install.contextName, `install ${install.required.join(', ')}`, result);
  }
  const failed: string[] = [];
  for (const spec of install.optional) {
    const result = await runSandboxStep(scope, install.makeCommand([spec]), { name: `install optional ${install.itemLabel} ${spec}`, env: install.env, allowFailure: true });
    throwIfInterrupted(install.contextName, result);
    if (result.status !== 0 || result.termination) {
      failed.push(spec);
      scope.note(`optional ${install.itemLabel} ${spec} could not be installed; the build goes on without it`);
    }
  }
  return failed;
}

/** Runs one of a sandbox's setup steps (making it, installing into it) with the install timeout. */
export function runSandboxStep(scope: ContextScope, command: string[], options: CommandStepOptions): Promise<StepResult> {
  return scope.runStep(setup(command, { ...options, timeout: INSTALL_TIMEOUT_SECONDS }));
}

/** Turns a failed setup step into the error that stops the context from being entered. */
export function throwUnlessPassed(contextName: string, what: string, result: StepResult): void {
  throwIfInterrupted(contextName, result);
  if (result.status === 0 && !result.termination) {
    return;
  }
  const ending = result.termination === 'timeout' ? 'timed out' : result.status === -1 ? 'could not start' : `exited with ${result.status}`;
  const tail = getOutputTail(result).map((line) => `  ${line}`).join('\n');
  throw new ContextError(contextName, `could not ${what}: \`${result.name}\` ${ending}${tail ? `; its output ends with:\n${tail}` : ''}`);
}

function throwIfInterrupted(contextName: string, result: StepResult): void {
  if (result.termination === 'interrupted') {
    throw new ContextError(contextName, `interrupted during \`${result.name}\``);
  }
}

// Installs a sandbox's packages as recorded setup steps, so the report shows
// each command and its output. Required packages go in one step and must
// install; optional ones go one per step so that one failure names its package
// and leaves the others installed.
import { ContextError, type ContextScope } from '../../runner/context.ts';
import { setup } from '../../runner/steps/step-spec.ts';
import type { StepResult } from '../../wire/types.ts';

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
    const result = await scope.runStep(setup(install.makeCommand(install.required), { name: `install ${install.label}`, env: install.env }));
    throwUnlessPassed(install.contextName, `install ${install.required.join(', ')}`, result);
  }
  const failed: string[] = [];
  for (const spec of install.optional) {
    const result = await scope.runStep(setup(install.makeCommand([spec]), { name: `install optional ${install.itemLabel} ${spec}`, env: install.env, allowFailure: true }));
    throwIfInterrupted(install.contextName, result);
    if (result.status !== 0 || result.termination) {
      failed.push(spec);
      scope.note(`optional ${install.itemLabel} ${spec} could not be installed; the build goes on without it`);
    }
  }
  return failed;
}

/** Turns a failed setup step into the error that stops the context from being entered. */
export function throwUnlessPassed(contextName: string, what: string, result: StepResult): void {
  throwIfInterrupted(contextName, result);
  if (result.status === 0 && !result.termination) {
    return;
  }
  const ending = result.termination === 'timeout' ? 'timed out' : result.status === -1 ? 'could not start' : `exited with ${result.status}`;
  const tail = getOutputTail(result);
  throw new ContextError(contextName, `could not ${what}: \`${result.name}\` ${ending}${tail ? `; its output ends with:\n${tail}` : ''}`);
}

function throwIfInterrupted(contextName: string, result: StepResult): void {
  if (result.termination === 'interrupted') {
    throw new ContextError(contextName, `interrupted during \`${result.name}\``);
  }
}

// Installers print their error last on stderr; stdout is the fallback for those that do not.
function getOutputTail(result: StepResult, lineCount = 5): string {
  const text = result.errout.trim() === '' ? result.output : result.errout;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.slice(-lineCount).map((line) => `  ${line}`).join('\n');
}

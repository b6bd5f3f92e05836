// Every command that changes a checkout or a cache runs as a recorded setup step, so the
// report shows exactly what ran and what it printed; a failure also stops the context.
import { ContextError, type ContextScope } from '../../runner/context.ts';
import { describeCommand, setup } from '../../runner/steps/step-spec.ts';
import type { StepResult } from '../../wire/types.ts';

const QUOTED_ERROR_LINES = 5;

export interface CheckoutStepOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
}

export async function runCheckoutStep(
  scope: ContextScope,
  contextName: string,
  command: string[],
  options: CheckoutStepOptions = {},
): Promise<StepResult> {
  const result = await scope.runStep(setup(command, options));
  if (result.status !== 0) {
    throw new ContextError(contextName, describeStepFailure(command, result));
  }
  return result;
}

// The context's own failure line repeats the tail of the command's stderr, so a reader of
// the summary alone sees git's "repository not found" without opening the step.
function describeStepFailure(command: string[], result: StepResult): string {
  const shown = `\`${describeCommand(command)}\``;
  if (result.termination === 'interrupted') {
    return `${shown} was interrupted`;
  }
  if (result.termination === 'timeout') {
    return `${shown} timed out`;
  }
  const tail = (result.errout.trim() || result.output.trim()).split('\n').slice(-QUOTED_ERROR_LINES).join('\n');
  const ending = result.signal ? `was killed by ${result.signal}` : `failed with exit status ${result.status}`;
  return tail === '' ? `${shown} ${ending}` : `${shown} ${ending}:\n${tail}`;
}

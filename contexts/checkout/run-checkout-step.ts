// Every command that changes a checkout or a cache runs as a recorded setup step, so the
// report shows exactly what ran and what it printed; a failure also stops the context. The
// step is named for what it does, without the temp and cache paths its command holds, so
// its name reads the same from run to run and keeps the terminal's summary narrow.
import { ContextError, describeCommand, getOutputTail, setup, type ContextScope, type RunStepOptions, type StepResult } from '../../runner/index.ts';

// A first clone of a large repository (CPython's is half a gigabyte) over a slow link can take
// most of an hour; a clone or fetch still running after two has hung on a dead connection,
// and ending it frees the build machine instead of holding it until someone notices.
const CHECKOUT_TIMEOUT_SECONDS = 2 * 60 * 60;

export interface CheckoutStepOptions {
  /** What the step does, for people: `git fetch https://example.org/x.git into the cache`. */
  name: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
}

export async function runCheckoutStep(
  scope: ContextScope,
  contextName: string,
  command: string[],
  options: CheckoutStepOptions,
  beforeEnd?: RunStepOptions['beforeEnd'],
): Promise<StepResult> {
  // The hook only completes a step that made its checkout; a failed one is reported as it is.
  const completeIfPassed = beforeEnd && (async (result: StepResult) => (result.status === 0 ? beforeEnd(result) : undefined));
  const result = await scope.runStep(setup(command, { ...options, timeout: CHECKOUT_TIMEOUT_SECONDS }), { beforeEnd: completeIfPassed });
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
    return `${shown} timed out after ${CHECKOUT_TIMEOUT_SECONDS} s`;
  }
  const tail = getOutputTail(result).join('\n');
  const ending = result.signal ? `was killed by ${result.signal}` : `failed with exit status ${result.status}`;
  return tail === '' ? `${shown} ${ending}` : `${shown} ${ending}:\n${tail}`;
}

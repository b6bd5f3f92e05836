// The heart of the client: enter the contexts, run the steps, leave the
// contexts, and describe all of it as a stream of events. It knows nothing of
// terminals, files or servers; those are consumers of the events, and a new one
// is added by passing it in `consumers`.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { BuildContext, ContextScope, RunStepOptions } from '../context.ts';
import { getHostName, getPlatformName } from '../host-info.ts';
import { isBuildSuccessful, isStepFatal } from '../results/outcome.ts';
import { runStep } from '../steps/run-step.ts';
import { StepCompletionError } from '../steps/step-completion-error.ts';
import { getStepName, type StepSpec } from '../steps/step-spec.ts';
import { findStepProblems, RecipeError } from '../steps/validate-steps.ts';
import type { ClientInfo, StepResult, WireStruct } from '../../wire/types.ts';
import { createEventBus, type EmitRunEvent, type RunEventConsumer } from './event-bus.ts';

export interface BuildPlan {
  package: string;
  steps: StepSpec[];
  contexts?: BuildContext[];
  tags?: string[];
  /** Run the remaining steps after a fatal failure instead of stopping. */
  keepGoing?: boolean;
  /** Leave temp dirs and other context leftovers in place. */
  keep?: boolean;
  /** Starting directory before contexts move it; default the process's. */
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Aborting it interrupts the build the way Ctrl-C does. */
  signal?: AbortSignal;
  /** Bytes of each stream kept per step in the report. */
  captureBytes?: number;
  logDir?: string;
  /** Extra `client_info` keys, e.g. from the recipe itself. */
  info?: WireStruct;
  /**
   * Asked once every context is entered (the checkout is done, its revision known):
   * a reason returned here skips the steps, e.g. "this revision was already built".
   */
  checkBeforeSteps?: (scope: ContextScope) => Promise<string | undefined>;
  /** Readers of the run's events, called in this order; `build:end` carries the whole result. */
  consumers?: RunEventConsumer[];
}

export interface BuildOutcome {
  clientInfo: ClientInfo;
  results: StepResult[];
  interrupted: boolean;
  /** Set when `checkBeforeSteps` decided the steps need not run. */
  skipReason?: string;
}

export async function runBuild(plan: BuildPlan): Promise<BuildOutcome> {
  validatePlan(plan);
  if (plan.logDir) {
    await mkdir(plan.logDir, { recursive: true });
  }
  const emit = createEventBus(plan.consumers ?? []);
  const signal = plan.signal ?? new AbortController().signal;
  const tags = plan.tags ?? [];
  const results: StepResult[] = [];
  const startedAt = performance.now();
  // One id for the run, in the result file too, so the server stores a result sent twice once
  // (docs/PROTOCOL.md, "Submission ids").
  const identity = { package: plan.package, host: getHostName(), arch: getPlatformName(), success: false, tags, submission_id: randomUUID() };
  await emit({ type: 'build:start', package: plan.package, tags, time: Date.now() / 1000, clientInfo: { ...plan.info, ...identity } });

  const runRecordedStep = async (step: StepSpec, options?: RunStepOptions) => {
    const index = results.length;
    let result: StepResult;
    try {
      result = await runStep(step, { index, cwd: scope.cwd, env: scope.env, signal, emit, captureBytes: plan.captureBytes, logDir: plan.logDir }, options);
    } catch (error) {
      if (error instanceof StepCompletionError) {
        // The step ended; only the context's hook failed, and the context gets its error.
        results.push(error.result);
        throw error.cause;
      }
      // A step that cannot even be run (its log file cannot be opened, say) fails like any
      // other, so the build still ends, leaves its contexts and reports.
      result = await recordStepError(step, index, error, emit);
    }
    results.push(result);
    return result;
  };
  const scope: ContextScope = {
    cwd: plan.cwd ?? process.cwd(),
    env: { ...process.env, ...plan.env },
    info: { ...plan.info },
    keep: plan.keep ?? false,
    signal,
    runStep: runRecordedStep,
    note: (text) => void emit({ type: 'context:note', text }),
  };

  const entered: BuildContext[] = [];
  let completed = false;
  let skipReason: string | undefined;
  try {
    if (!(await enterContexts(plan.contexts ?? [], entered, scope, emit, results))) {
      await skipRemaining(plan.steps, results.length, signal.aborted ? 'interrupted' : 'a context could not be entered', emit);
    } else {
      skipReason = signal.aborted ? undefined : await plan.checkBeforeSteps?.(scope);
      if (skipReason === undefined) {
        completed = await runSteps(plan, runRecordedStep, signal, emit, results);
      } else {
        await skipRemaining(plan.steps, results.length, skipReason, emit);
      }
    }
  } finally {
    // Leaving runs whatever happened above, innermost context first.
    for (const context of entered.reverse()) {
      await exitContext(context, scope, emit, results);
    }
  }

  const clientInfo: ClientInfo = {
    ...scope.info,
    ...identity,
    success: isBuildSuccessful(results, completed),
    duration: (performance.now() - startedAt) / 1000,
  };
  const skipped = skipReason === undefined ? {} : { skipReason };
  await emit({ type: 'build:end', clientInfo, results, ...skipped });
  return { clientInfo, results, interrupted: signal.aborted, ...skipped };
}

/** Enters each context in order; false when one failed or the build was interrupted first. */
async function enterContexts(contexts: BuildContext[], entered: BuildContext[], scope: ContextScope, emit: EmitRunEvent, results: StepResult[]) {
  for (const context of contexts) {
    if (scope.signal.aborted || !(await enterContext(context, scope, emit, results))) {
      return false;
    }
    entered.push(context);
  }
  return true;
}

/** Runs the steps, stopping at the first fatal failure unless told to keep going; true when the build ran to its end. */
async function runSteps(
  plan: BuildPlan,
  runRecordedStep: (step: StepSpec) => Promise<StepResult>,
  signal: AbortSignal,
  emit: EmitRunEvent,
  results: StepResult[],
): Promise<boolean> {
  let stopped = false;
  for (const [position, step] of plan.steps.entries()) {
    if (signal.aborted || stopped) {
      await skipRemaining(plan.steps.slice(position), results.length, signal.aborted ? 'interrupted' : 'an earlier step failed', emit);
      break;
    }
    stopped = isStepFatal(await runRecordedStep(step)) && !plan.keepGoing;
  }
  return !signal.aborted;
}

/** Step and context mistakes are reported together, before anything runs. */
function validatePlan(plan: BuildPlan): void {
  const contexts = plan.contexts ?? [];
  const problems = [...findStepProblems(plan.steps), ...contexts.flatMap((context) => context.findProblems?.(contexts) ?? [])];
  if (problems.length > 0) {
    throw new RecipeError(problems);
  }
}

async function enterContext(
  context: BuildContext,
  scope: ContextScope,
  emit: EmitRunEvent,
  results: StepResult[],
): Promise<boolean> {
  try {
    await context.enter(scope);
  } catch (error) {
    await recordContextFailure(context.name, 'enter', error, emit, results);
    return false;
  }
  await emit({ type: 'context:enter', name: context.name, description: context.describe?.(scope) ?? `steps run in ${scope.cwd}` });
  return true;
}

async function exitContext(
  context: BuildContext,
  scope: ContextScope,
  emit: EmitRunEvent,
  results: StepResult[],
): Promise<void> {
  try {
    await context.exit(scope);
    await emit({ type: 'context:exit', name: context.name });
  } catch (error) {
    await recordContextFailure(context.name, 'exit', error, emit, results);
  }
}

/**
 * A context that throws is shown as a failed setup step, with its message as the
 * step's output, so both the terminal and the report say why nothing ran.
 */
async function recordContextFailure(name: string, phase: 'enter' | 'exit', error: unknown, emit: EmitRunEvent, results: StepResult[]) {
  const index = results.length;
  const identity = { name: `${phase === 'enter' ? 'enter' : 'leave'} ${name}`, type: 'setup', command: `(context) ${name}` };
  await emit({ type: 'step:start', index, name: identity.name, stepType: identity.type, command: identity.command, cwd: '' });
  results.push(await endFailedStep(index, identity, describeError(error), emit));
}

async function recordStepError(step: StepSpec, index: number, error: unknown, emit: EmitRunEvent): Promise<StepResult> {
  const identity = { name: getStepName(step), type: step.type, command: step.kind === 'command' ? step.command : `(function) ${step.name}` };
  return endFailedStep(index, identity, `pony-build could not run this step: ${describeError(error)}`, emit);
}

/** Ends an already started step as one that could not run (status -1), its message as stderr. */
async function endFailedStep(
  index: number,
  identity: Pick<StepResult, 'name' | 'type' | 'command'>,
  message: string,
  emit: EmitRunEvent,
): Promise<StepResult> {
  const errout = `${message}\n`;
  const result: StepResult = { ...identity, status: -1, output: '', errout, duration: 0 };
  await emit({ type: 'step:output', index, stream: 'errout', text: errout });
  await emit({ type: 'step:end', index, result });
  return result;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function skipRemaining(steps: StepSpec[], firstIndex: number, reason: string, emit: EmitRunEvent) {
  for (const [offset, step] of steps.entries()) {
    await emit({ type: 'step:skip', index: firstIndex + offset, name: getStepName(step), reason });
  }
}

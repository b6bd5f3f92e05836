// Runs a build the way a recipe would and keeps its events, removing whatever temp dir the
// build reported even when an assertion fails first.
import { rmSync } from 'node:fs';
import type { ExecutionContext } from 'ava';
import { runBuild, type BuildOutcome, type BuildPlan } from '../../runner/run/run-build.ts';
import type { RunEvent } from '../../runner/events.ts';
import type { StepResult } from '../../wire/types.ts';

export interface RunWithEvents extends BuildOutcome {
  events: RunEvent[];
  /** The step that carries `version_type`, i.e. the one that made the checkout. */
  checkoutStep: StepResult | undefined;
  /** Each step's result as its `step:end` carried it when emitted, copied before anything could change it. */
  endedSteps: StepResult[];
  /** The names of the steps shown as skipped. */
  skipped: string[];
}

export async function runWithContexts(t: ExecutionContext, plan: Omit<BuildPlan, 'package'>): Promise<RunWithEvents> {
  const events: RunEvent[] = [];
  const endedSteps: StepResult[] = [];
  const record = (event: RunEvent) => {
    events.push(event);
    if (event.type === 'step:end') {
      endedSteps.push(structuredClone(event.result));
    }
  };
  const outcome = await runBuild({ package: 'hello', ...plan, consumers: [record, ...(plan.consumers ?? [])] });
  const tempdir = outcome.clientInfo.tempdir;
  if (typeof tempdir === 'string') {
    t.teardown(() => rmSync(tempdir, { recursive: true, force: true }));
  }
  return {
    ...outcome,
    events,
    checkoutStep: outcome.results.find((step) => step.version_type !== undefined),
    endedSteps,
    skipped: events.flatMap((event) => (event.type === 'step:skip' ? [event.name] : [])),
  };
}

/** The argv of every recorded command, joined, for asserting what ran. */
export function listCommands(results: readonly StepResult[]): string[] {
  return results.map((step) => (Array.isArray(step.command) ? step.command.join(' ') : step.command));
}

// Turns one declared step into a StepResult, emitting its start, live output
// and end. Command steps go to runner/exec; function steps run in-process.
import path from 'node:path';
import { listArtifactPatterns } from '../artifacts/artifacts-option.ts';
import { findArtifacts } from '../artifacts/find-artifacts.ts';
import type { RunStepOptions } from '../context.ts';
import { runCommand, type CommandOutcome } from '../exec/index.ts';
import type { EmitRunEvent } from '../run/event-bus.ts';
import { startStepReport } from '../test-reports/collect-step-report.ts';
import type { StepResult } from '../../wire/types.ts';
import { runFunctionStep } from './run-function-step.ts';
import { StepCompletionError } from './step-completion-error.ts';
import { describeCommand, getStepName, type StepSpec } from './step-spec.ts';

export interface StepEnvironment {
  index: number;
  cwd: string;
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  emit: EmitRunEvent;
  captureBytes?: number;
  logDir?: string;
}

export async function runStep(step: StepSpec, environment: StepEnvironment, options: RunStepOptions = {}): Promise<StepResult> {
  const { index, emit } = environment;
  const name = getStepName(step);
  const cwd = step.cwd === undefined ? environment.cwd : path.resolve(environment.cwd, step.cwd);
  const testReport = step.testReport === undefined ? undefined : await startStepReport(step.testReport, cwd);
  const env = { ...environment.env, ...step.env, ...testReport?.env };
  const command = step.kind === 'command' ? step.command : `(function) ${step.name}`;
  await emit({ type: 'step:start', index, name, stepType: step.type, command, cwd });
  const onOutput = (stream: 'output' | 'errout', text: string) => {
    // TAP is read from the live stream: the captured output is bounded and may lose the middle.
    testReport?.onOutput(stream, text);
    return emit({ type: 'step:output', index, stream, text });
  };
  const common = {
    cwd,
    env,
    signal: environment.signal,
    timeoutMs: step.timeout === undefined ? undefined : step.timeout * 1000,
    captureBytes: environment.captureBytes,
    logFile: environment.logDir && path.join(environment.logDir, `${String(index + 1).padStart(3, '0')}-${slugify(name)}.log`),
    onOutput,
  };
  const outcome =
    step.kind === 'command'
      ? await runCommand({ ...common, command: step.command, shell: step.shell })
      : await runFunctionStep(step.run, common);
  const result = toStepResult(step, name, command, outcome);
  if (testReport) {
    Object.assign(result, await testReport.finish(outcome));
  }
  if (step.artifacts !== undefined) {
    Object.assign(result, await findArtifacts(listArtifactPatterns(step.artifacts), cwd));
  }
  const completion = await completeResult(result, options.beforeEnd);
  await emit({ type: 'step:end', index, result });
  if (completion !== undefined) {
    throw new StepCompletionError(result, completion.error);
  }
  return result;
}

// The step ran whatever the hook does, so its end is announced even when the hook fails.
async function completeResult(result: StepResult, beforeEnd: RunStepOptions['beforeEnd']): Promise<{ error: unknown } | undefined> {
  try {
    await beforeEnd?.(result);
    return undefined;
  } catch (error) {
    return { error };
  }
}

function toStepResult(step: StepSpec, name: string, command: string | string[], outcome: CommandOutcome): StepResult {
  const result: StepResult = {
    name,
    type: step.type,
    status: outcome.status,
    output: outcome.output,
    errout: outcome.errout,
    command: step.kind === 'command' && step.shell ? describeCommand(command) : command,
    duration: outcome.durationSeconds,
  };
  if (step.allowFailure) {
    result.allowed_to_fail = true;
  }
  if (outcome.termination) {
    result.termination = outcome.termination;
  }
  if (outcome.signal) {
    result.signal = outcome.signal;
  }
  if (outcome.outputTruncatedBytes > 0) {
    result.output_truncated_bytes = outcome.outputTruncatedBytes;
  }
  if (outcome.erroutTruncatedBytes > 0) {
    result.errout_truncated_bytes = outcome.erroutTruncatedBytes;
  }
  if (outcome.endedLeftoverProcesses) {
    result.ended_leftover_processes = true;
  }
  return result;
}

function slugify(name: string): string {
  return name.replaceAll(/[^\w.-]+/g, '-').slice(0, 60) || 'step';
}

// The run's event stream: what runBuild emits and every consumer reads.
import type { ClientInfo, OutputStream, StepResult, StepType } from '../wire/types.ts';

/** What a run emits; every consumer (terminal, result file, server) reads the same stream. */
export type RunEvent =
  | { type: 'build:start'; package: string; tags: string[]; time: number }
  | { type: 'context:enter'; name: string; description: string }
  | { type: 'context:exit'; name: string }
  | { type: 'context:note'; text: string }
  | { type: 'step:start'; index: number; name: string; stepType: StepType; command: string | string[]; cwd: string }
  | { type: 'step:output'; index: number; stream: OutputStream; text: string }
  | { type: 'step:end'; index: number; result: StepResult }
  | { type: 'step:skip'; index: number; name: string; reason: string }
  | { type: 'build:end'; clientInfo: ClientInfo; results: StepResult[] };

// The run's event stream: what runBuild emits and every consumer reads.
import type { ClientInfo, OutputStream, StepResult, StepType } from '../wire/types.ts';

/**
 * What a run emits. Every consumer reads the same stream: the terminal shows it as it
 * happens, the result file and the server reporter deliver what `build:end` carries.
 */
export type RunEvent =
  // `clientInfo` is the build's identity so far (package, host, arch, tags, `success: false` and
  // the run's `submission_id`), what a live report begins the build with.
  | { type: 'build:start'; package: string; tags: string[]; time: number; clientInfo: ClientInfo }
  | { type: 'context:enter'; name: string; description: string }
  | { type: 'context:exit'; name: string }
  | { type: 'context:note'; text: string }
  | { type: 'step:start'; index: number; name: string; stepType: StepType; command: string | string[]; cwd: string }
  | { type: 'step:output'; index: number; stream: OutputStream; text: string }
  | { type: 'step:end'; index: number; result: StepResult }
  | { type: 'step:skip'; index: number; name: string; reason: string }
  | BuildEndEvent;

/** The last event of a run: the whole result, as a file keeps it and a server stores it. */
export interface BuildEndEvent {
  type: 'build:end';
  clientInfo: ClientInfo;
  results: StepResult[];
  /** Set when the build decided its steps need not run (the server knows this revision): nothing to deliver. */
  skipReason?: string;
}

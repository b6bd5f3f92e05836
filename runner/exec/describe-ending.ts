import { formatSeconds } from './format-seconds.ts';
import type { TerminationReason } from './terminate-tree.ts';

export interface Ending {
  termination: TerminationReason | undefined;
  wasForced: boolean;
  signal: NodeJS.Signals | null;
  timeoutMs: number | undefined;
  killGraceMs: number;
  logWriteError: string | undefined;
}

// One line for the step's header and the summary; undefined when the command simply exited.
export function describeEnding(ending: Ending): string | undefined {
  const parts = [describeTermination(ending), ending.logWriteError].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : parts.join('; ');
}

function describeTermination(ending: Ending): string | undefined {
  const forced = ending.wasForced ? ` with SIGKILL after a ${formatSeconds(ending.killGraceMs)} grace` : '';
  if (ending.termination === 'timeout') return `timed out after ${formatSeconds(ending.timeoutMs!)}; process tree killed${forced}`;
  if (ending.termination === 'interrupted') return `interrupted; process tree killed${forced}`;
  if (ending.signal !== null) return `killed by ${ending.signal}`;
  return undefined;
}

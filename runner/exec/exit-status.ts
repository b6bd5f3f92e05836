import { constants } from 'node:os';

// A process killed by a signal reports 128 + the signal's number, as sh, bash and make do
// (`$?` is 143 after SIGTERM, 137 after SIGKILL); the signal's name is kept beside it.
export function getExitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const signalNumber = signal === null ? undefined : constants.signals[signal];
  return signalNumber === undefined ? -1 : 128 + signalNumber;
}

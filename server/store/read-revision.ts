// Flakiness means "different outcomes from the same code", so each result needs the
// revision it was built from.
import type { WireStruct } from '../../wire/types.ts';

/** client_info.revision when sent, else the first checkout step's `version_info`; null when neither. */
export function readRevision(clientInfo: WireStruct, resultsList: readonly WireStruct[]): string | null {
  const revision = clientInfo.revision;
  if (typeof revision === 'string' && revision.trim() !== '') {
    return revision.trim();
  }
  for (const step of resultsList) {
    const versionInfo = step.version_info;
    if (typeof versionInfo === 'string' && versionInfo.trim() !== '') {
      return versionInfo.trim();
    }
  }
  return null;
}

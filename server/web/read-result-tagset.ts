// A stored result's tagset, recomputed from its client_info the way it was when stored.
import type { WireStruct } from '../../wire/types.ts';
import { readBuildIdentity } from '../client-input/read-client-info.ts';
import { buildTagset } from '../../wire/tagset.ts';

/** The canonical tagset, or undefined when the bag cannot name one (the page must still render). */
export function readResultTagset(clientInfo: WireStruct): string[] | undefined {
  try {
    return buildTagset(readBuildIdentity(clientInfo));
  } catch {
    return undefined;
  }
}

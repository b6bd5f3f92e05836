import type { WireStruct } from '../../wire/types.ts';
import { readClientInfoBag } from '../client-input/read-bags.ts';
import { readTagsetKey } from '../client-input/read-client-info.ts';
import type { Store } from '../store/types.ts';

/** Asks the next client of this tagset to build, whatever the other rules say. */
export async function requestBuild(store: Store, clientInfo: WireStruct, requestedAt: number): Promise<void> {
  await store.addBuildRequest(readTagsetKey(readClientInfoBag(clientInfo)), requestedAt);
}

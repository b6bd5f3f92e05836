// Single results: the stored triple the original's get_results answered with, a tagset's
// newest, and a result's neighbours in its tagset.
import { makeTagsetKey } from '../../wire/tagset.ts';
import type { Receipt, WireStruct } from '../../wire/types.ts';
import { toWireDouble } from '../../wire/whole-double.ts';
import { readTags } from '../client-input/read-client-info.ts';
import { ResultRunningError } from '../errors/live-build-errors.ts';
import type { StoredResult, Store } from '../store/types.ts';
import type { NeighbourResults } from './page-types.ts';

/** A stored result: `[receipt, client_info, results_list]`, the bags exactly as stored. */
export type StoredTriple = [Receipt, WireStruct, WireStruct[]];

/** The stored triple, or undefined for an unknown key; a build still running is refused, since it is not whole yet. */
export async function getResult(store: Store, resultKey: number): Promise<StoredTriple | undefined> {
  const stored = await store.getResult(resultKey);
  if (stored?.state === 'running') {
    throw new ResultRunningError(resultKey);
  }
  return stored && toTriple(stored);
}

/** The newest result whose tagset equals the given set, or undefined. */
export async function getLastResultForTagset(store: Store, packageName: string, tagset: string[]): Promise<StoredTriple | undefined> {
  const stored = await store.getLatestResultForTagset(packageName, makeTagsetKey(readTags(tagset, 'tagset')));
  return stored && toTriple(stored);
}

/** The previous and next result of the same tagset; undefined for an unknown result. */
export function findNeighbourResults(store: Store, resultKey: number): Promise<NeighbourResults | undefined> {
  return store.findNeighbourKeys(resultKey);
}

// The receipt's time is a double; one that lands on a whole second must not go out as an int.
export function toTriple(stored: StoredResult): StoredTriple {
  const receipt: Receipt = { time: toWireDouble(stored.receivedAt), client_ip: stored.clientIp, result_key: String(stored.key) };
  return [receipt, stored.clientInfo, stored.resultsList];
}

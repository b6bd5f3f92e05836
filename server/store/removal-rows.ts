// The rows both stores decide removals from, and how each becomes a record: the SQLite and
// PostgreSQL stores answer alike because they share these.
import type { RemovedResultRecord, TagsetReference } from './removal-types.ts';

/** A result that may be removed, joined with its tagset as the removal finds it. */
export interface RemovableRow {
  id: number;
  received_at: number;
  package: string;
  tagset_key: string;
  tags: string;
  latest_result_id: number;
}

export interface TagsetReferenceRow {
  package: string;
  tagset_key: string;
}

/** How many results a tagset lost, for its recount. */
export interface TagsetTally {
  package: string;
  count: number;
}

export function readRemovedRow(row: RemovableRow, removedWith: { testCases: number; uploads: number }): RemovedResultRecord {
  return {
    key: row.id,
    receivedAt: row.received_at,
    package: row.package,
    tagset: JSON.parse(row.tags) as string[],
    tagsetKey: row.tagset_key,
    testCases: removedWith.testCases,
    uploads: removedWith.uploads,
  };
}

/** Per tagset key, in the order the tagsets first come, how many of `removed` were its. */
export function tallyPerTagset(removed: readonly RemovableRow[]): Map<string, TagsetTally> {
  const tallies = new Map<string, TagsetTally>();
  for (const row of removed) {
    const tally = tallies.get(row.tagset_key) ?? { package: row.package, count: 0 };
    tally.count += 1;
    tallies.set(row.tagset_key, tally);
  }
  return tallies;
}

export function readTagsetReferenceRow(row: TagsetReferenceRow): TagsetReference {
  return { package: row.package, tagsetKey: row.tagset_key };
}

// The result and tagset rows both stores read, the columns they are read with, and how each
// becomes a record: the SQLite and PostgreSQL stores answer alike because they share these.
import type { WireStruct } from '../../wire/types.ts';
import type { ResultState } from './live-types.ts';
import { readSummaryColumns, type SummaryColumns } from './summary-columns.ts';
import { parseTagged } from './tagged-json.ts';
import type { StoredResult, TagsetRecord } from './types.ts';

export interface ResultRow extends SummaryColumns {
  client_ip: string;
  tags: string;
  tagset_key: string;
  revision: string | null;
  client_info: string;
  results_list: string;
  state: ResultState;
}

/** A tagset with its newest result's summary. */
export interface TagsetRow extends SummaryColumns {
  tagset_key: string;
  tags: string;
  result_count: number;
  revision: string | null;
}

/** Reads a TagsetRow from `tagsets t JOIN results r ON r.id = t.latest_result_id`. */
export const TAGSET_COLUMNS = `
  t.tagset_key, t.package, t.tags, t.result_count,
  r.id, r.received_at, r.host, r.arch, r.success, r.duration, r.revision`;
/**
 * Reads a ResultRow from `results r LEFT JOIN tagsets t`. A running result's tagset has no row
 * until its first result finishes; its key is the same JSON.
 */
export const RESULT_COLUMNS = `
  r.id, r.received_at, r.client_ip, r.package, r.host, r.arch, r.success, r.duration,
  coalesce(t.tags, r.tagset_key) AS tags, r.tagset_key, r.revision, r.client_info, r.results_list, r.state`;

export function readResultRow(row: ResultRow): StoredResult {
  return {
    ...readSummaryColumns(row),
    clientIp: row.client_ip,
    tagset: JSON.parse(row.tags) as string[],
    tagsetKey: row.tagset_key,
    revision: row.revision,
    clientInfo: parseTagged(row.client_info, 'client_info') as WireStruct,
    resultsList: parseTagged(row.results_list, 'results_list') as WireStruct[],
    state: row.state,
  };
}

export function readTagsetRow(row: TagsetRow): TagsetRecord {
  return {
    package: row.package,
    tagset: JSON.parse(row.tags) as string[],
    tagsetKey: row.tagset_key,
    resultCount: row.result_count,
    latest: readSummaryColumns(row),
    latestRevision: row.revision,
  };
}

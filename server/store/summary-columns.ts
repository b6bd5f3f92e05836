// The columns every listing of results reads (a result row, a tagset's newest result, a page of
// a package's results), turned into the summary record in one place.
import type { ResultSummaryRecord } from './page-types.ts';

export interface SummaryColumns {
  id: number;
  received_at: number;
  package: string;
  host: string;
  arch: string;
  /** 1, 0, or NULL when the client sent no `success`. */
  success: number | null;
  duration: number | null;
}

export function readSummaryColumns(row: SummaryColumns): ResultSummaryRecord {
  return {
    key: row.id,
    receivedAt: row.received_at,
    package: row.package,
    host: row.host,
    arch: row.arch,
    success: row.success === null ? null : row.success === 1,
    duration: row.duration,
  };
}

// The PostgreSQL queries behind the web pages, as sqlite-page-queries.ts: each walks an index
// backwards and stops at its LIMIT (keyset pagination by id, never OFFSET), so a page costs the
// same with ten results or ten million. Builds still running are not results yet: lists and
// neighbours skip them.
import type { NeighbourKeys, PackageResultRecord, PageStore, TagsetReservation } from './page-types.ts';
import type { PostgresDatabase } from './postgres-database.ts';
import { readSummaryColumns, type SummaryColumns } from './summary-columns.ts';

interface SummaryRow extends SummaryColumns {
  tagset_key: string;
}

const SUMMARY_COLUMNS = 'id, received_at, package, host, arch, tagset_key, success, duration';

// PostgreSQL's planner, unlike SQLite's, may walk the primary key backwards instead, filtering
// on the package: it assumes a package's results are spread evenly over the keys, so for a
// package whose results are all old (or a tagset built rarely) it reads every newer result of
// every other package first. The queries below therefore say "package = $1 AND id < $2" as a
// row comparison, `(package, id) < ($1, $2) AND package >= $1` (the same rows), and order by
// every column of the index: only that index gives the order, so it is the one walked, whatever
// the statistics say.
export function createPostgresPageQueries(database: PostgresDatabase): PageStore {
  return {
    async listResultSummaries({ packageName, tagsetKey, beforeKey, limit }) {
      const before = beforeKey ?? Number.MAX_SAFE_INTEGER;
      const rows = tagsetKey === undefined
        // Walks results_by_package (package, id).
        ? await database.rows<SummaryRow>(`
          SELECT ${SUMMARY_COLUMNS} FROM results
          WHERE (package, id) < ($1, $2) AND package >= $1 AND state != 'running'
          ORDER BY package DESC, id DESC LIMIT $3`, [packageName, before, limit])
        // Walks results_summaries (package, tagset_key, id), reading the columns from the index.
        : await database.rows<SummaryRow>(`
          SELECT ${SUMMARY_COLUMNS} FROM results
          WHERE (package, tagset_key, id) < ($1, $2, $3) AND (package, tagset_key) >= ($1, $2) AND state != 'running'
          ORDER BY package DESC, tagset_key DESC, id DESC LIMIT $4`, [packageName, tagsetKey, before, limit]);
      return rows.map(readSummaryRow);
    },
    async findNeighbourKeys(resultKey): Promise<NeighbourKeys | undefined> {
      // One step each way along results_summaries from the one result asked about.
      const row = await database.one<{ previous_id: number | null; next_id: number | null }>(`
        SELECT
          (SELECT p.id FROM results p
           WHERE (p.package, p.tagset_key, p.id) < (r.package, r.tagset_key, r.id)
             AND (p.package, p.tagset_key) >= (r.package, r.tagset_key) AND p.state != 'running'
           ORDER BY p.package DESC, p.tagset_key DESC, p.id DESC LIMIT 1) AS previous_id,
          (SELECT n.id FROM results n
           WHERE (n.package, n.tagset_key, n.id) > (r.package, r.tagset_key, r.id)
             AND (n.package, n.tagset_key) <= (r.package, r.tagset_key) AND n.state != 'running'
           ORDER BY n.package, n.tagset_key, n.id LIMIT 1) AS next_id
        FROM results r WHERE r.id = $1`, [resultKey]);
      return row && { previousKey: row.previous_id, nextKey: row.next_id };
    },
    async listBuildReservations(): Promise<TagsetReservation[]> {
      const rows = await database.rows<{ tagset_key: string; reserved_at: number; requested_allowance: number }>(
        'SELECT tagset_key, reserved_at, requested_allowance FROM build_reservations');
      return rows.map((row) => ({ tagsetKey: row.tagset_key, reservedAt: row.reserved_at, requestedAllowance: row.requested_allowance }));
    },
  };
}

function readSummaryRow(row: SummaryRow): PackageResultRecord {
  return { ...readSummaryColumns(row), tagsetKey: row.tagset_key };
}

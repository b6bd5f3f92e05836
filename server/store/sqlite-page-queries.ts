// The SQLite queries behind the web pages. Each walks an index backwards and stops at its
// LIMIT, so a page costs the same with ten results or ten million. Builds still running are
// not results yet: lists and neighbours skip them.
import type Database from 'better-sqlite3';
import type { NeighbourKeys, PackageResultRecord, PageStore, TagsetReservation } from './page-types.ts';
import { readSummaryColumns, type SummaryColumns } from './summary-columns.ts';

interface SummaryRow extends SummaryColumns {
  tagset_key: string;
}

const SUMMARY_COLUMNS = 'id, received_at, package, host, arch, tagset_key, success, duration';

export function createSqlitePageQueries(database: Database.Database): PageStore {
  const statements = {
    // Uses results_by_package (package, id).
    listPackageSummaries: database.prepare(`
      SELECT ${SUMMARY_COLUMNS} FROM results
      WHERE package = ? AND id < ? AND state != 'running' ORDER BY id DESC LIMIT ?`),
    // Uses results_by_package_tagset (package, tagset_key, id).
    listTagsetSummaries: database.prepare(`
      SELECT ${SUMMARY_COLUMNS} FROM results
      WHERE package = ? AND tagset_key = ? AND id < ? AND state != 'running' ORDER BY id DESC LIMIT ?`),
    findNeighbours: database.prepare(`
      SELECT
        (SELECT p.id FROM results p WHERE p.package = r.package AND p.tagset_key = r.tagset_key AND p.id < r.id
         AND p.state != 'running' ORDER BY p.id DESC LIMIT 1) AS previous_id,
        (SELECT n.id FROM results n WHERE n.package = r.package AND n.tagset_key = r.tagset_key AND n.id > r.id
         AND n.state != 'running' ORDER BY n.id LIMIT 1) AS next_id
      FROM results r WHERE r.id = ?`),
    listReservations: database.prepare('SELECT tagset_key, reserved_at, requested_allowance FROM build_reservations'),
  };

  return {
    async listResultSummaries({ packageName, tagsetKey, beforeKey, limit }) {
      const before = beforeKey ?? Number.MAX_SAFE_INTEGER;
      const rows = tagsetKey === undefined
        ? statements.listPackageSummaries.all(packageName, before, limit)
        : statements.listTagsetSummaries.all(packageName, tagsetKey, before, limit);
      return (rows as SummaryRow[]).map(readSummaryRow);
    },
    async findNeighbourKeys(resultKey): Promise<NeighbourKeys | undefined> {
      const row = statements.findNeighbours.get(resultKey) as { previous_id: number | null; next_id: number | null } | undefined;
      return row && { previousKey: row.previous_id, nextKey: row.next_id };
    },
    async listBuildReservations(): Promise<TagsetReservation[]> {
      const rows = statements.listReservations.all() as Array<{ tagset_key: string; reserved_at: number; requested_allowance: number }>;
      return rows.map((row) => ({ tagsetKey: row.tagset_key, reservedAt: row.reserved_at, requestedAllowance: row.requested_allowance }));
    },
  };
}

function readSummaryRow(row: SummaryRow): PackageResultRecord {
  return { ...readSummaryColumns(row), tagsetKey: row.tagset_key };
}

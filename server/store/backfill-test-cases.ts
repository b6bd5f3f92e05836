// Results stored before the test_cases table existed may already carry test cases (a new
// client reporting to an old server); upgrading indexes them, so history starts complete.
import type Database from 'better-sqlite3';
import type { WireStruct } from '../../wire/types.ts';
import { prepareInsertTestCases } from './insert-test-cases.ts';
import { readRevision } from './read-revision.ts';
import { readTestCases } from './read-test-cases.ts';
import { parseTagged } from './tagged-json.ts';

// Pages of results: better-sqlite3 cannot write while a read is still being iterated.
const PAGE_SIZE = 500;

interface StoredBagsRow {
  id: number;
  package: string;
  tagset_key: string;
  client_info: string;
  results_list: string;
}

/** Fills results.revision and test_cases from every stored result's bags. */
export function backfillTestCases(database: Database.Database): void {
  const selectPage = database.prepare(`
    SELECT id, package, tagset_key, client_info, results_list FROM results WHERE id > ? ORDER BY id LIMIT ?`);
  const setRevision = database.prepare('UPDATE results SET revision = ? WHERE id = ?');
  const insertTestCases = prepareInsertTestCases(database);
  let lastId = 0;
  for (;;) {
    const rows = selectPage.all(lastId, PAGE_SIZE) as StoredBagsRow[];
    for (const row of rows) {
      const clientInfo = parseTagged(row.client_info, 'client_info') as WireStruct;
      const resultsList = parseTagged(row.results_list, 'results_list') as WireStruct[];
      setRevision.run(readRevision(clientInfo, resultsList), row.id);
      insertTestCases({ resultId: row.id, package: row.package, tagsetKey: row.tagset_key }, readTestCases(resultsList));
    }
    if (rows.length < PAGE_SIZE) {
      return;
    }
    lastId = rows.at(-1)!.id;
  }
}

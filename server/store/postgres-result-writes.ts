// The writes that store a finished result in PostgreSQL, shared by a whole submission and a live
// build's end: each takes the transaction's connection, so the result, its tagset's count and its
// test cases are written together or not at all (as count-in-tagset.ts and insert-test-cases.ts
// do for SQLite).
import { boundMessage } from './bound-message.ts';
import type { TestCaseOwner } from './insert-test-cases.ts';
import type { SubmittedResultRecord } from './live-types.ts';
import type { Queryable } from './postgres-database.ts';
import { stringifyTagged } from './tagged-json.ts';
import type { TestCaseEntry } from './test-case-types.ts';
import type { NewResultRecord } from './types.ts';

/** Counts a finished or abandoned result in its tagset; the latest is the highest key counted. */
export async function countInTagset(client: Queryable, tagsetKey: string, packageName: string, tagsetJson: string, resultKey: number): Promise<void> {
  await client.run(`
    INSERT INTO tagsets (tagset_key, package, tags, latest_result_id, result_count)
    VALUES ($1, $2, $3, $4, 1)
    ON CONFLICT (tagset_key) DO UPDATE SET
      latest_result_id = greatest(tagsets.latest_result_id, excluded.latest_result_id),
      result_count = tagsets.result_count + 1`, [tagsetKey, packageName, tagsetJson, resultKey]);
}

// Test cases go in one statement of arrays, not one statement each: a result with thousands of
// cases is one round trip.
export async function insertTestCases(client: Queryable, owner: TestCaseOwner, cases: readonly TestCaseEntry[]): Promise<void> {
  if (cases.length === 0) {
    return;
  }
  await client.run(`
    INSERT INTO test_cases (result_id, step_index, package, tagset_key, suite, name, file, status, duration, message)
    SELECT $1, step_index, $2, $3, suite, name, file, status, duration, message
    FROM unnest($4::integer[], $5::text[], $6::text[], $7::text[], $8::text[], $9::double precision[], $10::text[])
      AS c (step_index, suite, name, file, status, duration, message)`, [
    owner.resultId, owner.package, owner.tagsetKey,
    cases.map((testCase) => testCase.stepIndex),
    cases.map((testCase) => testCase.suite),
    cases.map((testCase) => testCase.name),
    cases.map((testCase) => testCase.file),
    cases.map((testCase) => testCase.status),
    cases.map((testCase) => testCase.duration),
    cases.map((testCase) => boundMessage(testCase.message)),
  ]);
}

/** Writes a new finished result with its test cases, counts it and ends its tagset's reservation; answers its key. */
export async function insertFinishedResult(client: Queryable, record: NewResultRecord & Partial<SubmittedResultRecord>): Promise<number> {
  const row = await client.one<{ id: number }>(`
    INSERT INTO results (received_at, client_ip, package, host, arch, tagset_key, success, duration,
                         auth_key, revision, client_info, results_list, submission_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
    RETURNING id`, [
    record.receivedAt, record.clientIp, record.package, record.host, record.arch, record.tagsetKey,
    record.success === null ? null : Number(record.success), record.duration, record.authKey, record.revision,
    stringifyTagged(record.clientInfo), stringifyTagged(record.resultsList), record.submissionId ?? null,
  ]);
  const key = row!.id;
  await countInTagset(client, record.tagsetKey, record.package, JSON.stringify(record.tagset), key);
  await insertTestCases(client, { resultId: key, package: record.package, tagsetKey: record.tagsetKey }, record.testCases);
  await client.run('DELETE FROM build_reservations WHERE tagset_key = $1', [record.tagsetKey]);
  return key;
}

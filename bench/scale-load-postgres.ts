// Loads the scale data set into a PostgreSQL database whose schema the store created, in bulk:
// each batch of results is one INSERT ... SELECT over generate_series that fills the bags'
// placeholders in SQL, by the same rules as makeResultRow (scale-data.ts), and its test cases one
// more, joined from the outcome's rows. Nothing is dropped or recreated; the identity goes on after
// the highest key, as it would have.
import pg from 'pg';
import { openStore } from '../server/store/open-store.ts';
import { FAILING_EVERY, PLACEHOLDERS, SECONDS_BETWEEN_RESULTS, TAGSET_COUNT, tagsetTotals, type ScalePlan } from './scale-data.ts';

const RESULTS_PER_STATEMENT = 20_000;

// Mirrors makeResultRow: tagset (k - 1) % TAGSET_COUNT, failed when k % FAILING_EVERY = 0, the
// revision md5('<package>:<round>') plus its first 8 digits, the submission id a UUID's shape
// ending in k's hex. The auth key is random, as the server makes it (64 hex digits).
const INSERT_RESULTS = `
  INSERT INTO results (id, received_at, client_ip, package, host, arch, tagset_key, success, duration,
                       auth_key, revision, client_info, results_list, submission_id)
  OVERRIDING SYSTEM VALUE
  SELECT k, $3::double precision + (k - 1) * $4::double precision, client_ip, package, host, arch, tagset_key,
         CASE WHEN failed THEN 0 ELSE 1 END,
         CASE WHEN failed THEN $7::double precision ELSE $8::double precision END,
         replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
         revision,
         replace(replace(CASE WHEN failed THEN client_info_failed ELSE client_info_passed END, $11, revision), $12, submission_id),
         replace(replace(CASE WHEN failed THEN $9 ELSE $10 END, $13, k::text), $11, revision),
         submission_id
  FROM (
    SELECT k, t.*, k % $6 = 0 AS failed,
           md5(t.package || ':' || ((k - 1) / $5)) || left(md5(t.package || ':' || ((k - 1) / $5)), 8) AS revision,
           '00000000-0000-4000-8000-' || lpad(to_hex(k), 12, '0') AS submission_id
    FROM generate_series($1::bigint, $2::bigint) AS k
    JOIN scale_tagsets t ON t.index = (k - 1) % $5
  ) AS generated
  ORDER BY k`;

const INSERT_TEST_CASES = `
  INSERT INTO test_cases (result_id, step_index, package, tagset_key, suite, name, file, status, duration, message)
  SELECT r.id, c.step_index, r.package, r.tagset_key, c.suite, c.name, c.file, c.status, c.duration, c.message
  FROM results r
  JOIN unnest($3::integer[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::text[], $9::double precision[], $10::text[])
    WITH ORDINALITY AS c (success, step_index, suite, name, file, status, duration, message, ordinal)
    ON c.success = r.success
  WHERE r.id BETWEEN $1 AND $2
  ORDER BY r.id, c.ordinal`;

async function createTagsetTemplates(client: pg.Client, plan: ScalePlan): Promise<void> {
  await client.query(`CREATE TEMPORARY TABLE scale_tagsets (
    index bigint PRIMARY KEY, package text, host text, arch text, client_ip text, tagset_key text,
    client_info_passed text, client_info_failed text)`);
  const column = <T>(read: (tagset: ScalePlan['tagsets'][number]) => T) => plan.tagsets.map(read);
  await client.query(`INSERT INTO scale_tagsets
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`, [
    column((tagset) => tagset.index), column((tagset) => tagset.package), column((tagset) => tagset.host),
    column((tagset) => tagset.arch), column((tagset) => tagset.clientIp), column((tagset) => tagset.tagsetKey),
    column((tagset) => tagset.clientInfo.passed), column((tagset) => tagset.clientInfo.failed),
  ]);
}

function testCaseArrays(plan: ScalePlan): unknown[] {
  const rows = [plan.outcomes.passed, plan.outcomes.failed].flatMap((outcome) => outcome.testCases.map((testCase) => ({ success: outcome.success, ...testCase })));
  return [
    rows.map((row) => row.success), rows.map((row) => row.stepIndex), rows.map((row) => row.suite), rows.map((row) => row.name),
    rows.map((row) => row.file), rows.map((row) => row.status), rows.map((row) => row.duration), rows.map((row) => row.message),
  ];
}

export async function loadPostgresScaleData(url: string, filesDirectory: string, plan: ScalePlan, progress: (loaded: number) => void): Promise<void> {
  await (await openStore(url, { filesDirectory })).close();
  // One connection: the templates are a temporary table of this session.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: [{ count }] } = await client.query<{ count: number }>('SELECT count(*)::integer AS count FROM results');
    if (count !== 0) {
      throw new Error(`Expected an empty results table in ${new URL(url).pathname.slice(1)} to load the scale data into, found ${count} results`);
    }
    await createTagsetTemplates(client, plan);
    const { passed, failed } = plan.outcomes;
    const cases = testCaseArrays(plan);
    for (let first = 1; first <= plan.results; first += RESULTS_PER_STATEMENT) {
      const last = Math.min(plan.results, first + RESULTS_PER_STATEMENT - 1);
      await client.query('BEGIN');
      await client.query(INSERT_RESULTS, [
        first, last, plan.firstReceivedAt, SECONDS_BETWEEN_RESULTS, TAGSET_COUNT, FAILING_EVERY,
        failed.duration, passed.duration, failed.resultsList, passed.resultsList,
        PLACEHOLDERS.revision, PLACEHOLDERS.submission, PLACEHOLDERS.build,
      ]);
      await client.query(INSERT_TEST_CASES, [first, last, ...cases]);
      await client.query('COMMIT');
      progress(last);
    }
    const totals = tagsetTotals(plan);
    await client.query(`INSERT INTO tagsets (tagset_key, package, tags, latest_result_id, result_count)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])`, [
      totals.map((total) => total.tagset.tagsetKey), totals.map((total) => total.tagset.package), totals.map((total) => total.tagset.tagsJson),
      totals.map((total) => total.latestResultId), totals.map((total) => total.resultCount),
    ]);
    await client.query(`SELECT setval(pg_get_serial_sequence('results', 'id'), $1)`, [plan.results]);
    // A database that grew to this size would have been vacuumed and analysed by autovacuum
    // along the way; without it, the first queries would plan without statistics.
    await client.query('VACUUM (ANALYZE) results, test_cases, tagsets');
    // And its pages would have reached the disk over months; left to the checkpointer, the
    // gigabytes just loaded are written out while the pages are timed, whose p95 then measures
    // that flush (74 ms for the package page in one run, 28 ms in the next).
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

/** pg_database_size: tables, indexes and TOAST of the database at `url`. */
export async function postgresDatabaseBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: [{ bytes }] } = await client.query<{ bytes: number }>('SELECT pg_database_size(current_database())::double precision AS bytes');
    return bytes;
  } finally {
    await client.end();
  }
}

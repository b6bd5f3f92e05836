// Live builds and submission ids in the PostgreSQL store, answering as sqlite-live-builds.ts
// does. SQLite has one writer at a time, so reading a build and deciding from it is safe there.
// Here several server instances may run the same call for the same build at once (a client's
// retry reaching another instance), so each transaction first locks the build's rows and only
// then reads what it decides from: the second caller waits, then sees what the first wrote.
import type { WireStruct } from '../../wire/types.ts';
import { BUILD_COLUMNS, digestStep, findTagsetMismatch, readBagsRow, readRunningRow, readRunningStepRows, readStepName } from './live-build-rows.ts';
import type { BagsRow, BuildRow, RunningRow, RunningStepRow, SubmissionRow, TokenRow } from './live-build-rows.ts';
import { appendToHead, NO_OUTPUT, type HeldOutput } from './live-output-head.ts';
import type { FinishBuildRecord, LiveBuildStore, SubmitOutcome } from './live-types.ts';
import type { PostgresDatabase, Queryable } from './postgres-database.ts';
import { countInTagset, insertFinishedResult, insertTestCases } from './postgres-result-writes.ts';
import { transactionRetryingDuplicate } from './postgres-unique-retry.ts';
import { readRevision } from './read-revision.ts';
import { readTestCases } from './read-test-cases.ts';
import { stringifyTagged } from './tagged-json.ts';

// FOR NO KEY UPDATE is the lock the build's own UPDATEs take anyway: it orders the calls on one
// build without keeping other writers' foreign keys (an upload, a test case) from pointing at it.
// Both joined rows are locked, so a caller that waited reads the values the other one committed.
const LOCK_BUILD = 'FOR NO KEY UPDATE';

// Looking into a JSON object fails on the escapes of a NUL and of a lone surrogate, which steps
// may hold (JSON.stringify writes them). Each becomes an escaped space for the count: the text is
// still JSON of the same shape (a backslash before `u` is an escape or the end of an escaped
// backslash, either way still so), only string contents change, and no key becomes
// `test_cases` by gaining a space.
const ESCAPES_JSON_FIELDS_REFUSE = String.raw`\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})`;

/** The build holding this token, locked until the transaction ends. */
function lockByToken(client: Queryable, updateToken: string): Promise<TokenRow | undefined> {
  return client.one<TokenRow>(`
    SELECT ${BUILD_COLUMNS}, l.step_count, l.last_step_digest
    FROM results r JOIN live_builds l ON l.result_id = r.id WHERE l.update_token = $1
    ${LOCK_BUILD}`, [updateToken]);
}

/** The result with this submission id, locked until the transaction ends. */
async function lockBySubmission(client: Queryable, submissionId: string | null): Promise<SubmissionRow | undefined> {
  if (submissionId === null) {
    return undefined;
  }
  // A result sent whole has no live_builds row, so the lock cannot cover the outer join's side;
  // the row is read by a statement of its own after the lock, which sees a token another
  // instance gave the result while this one waited.
  const locked = await client.one<{ id: number }>(`SELECT id FROM results WHERE submission_id = $1 ${LOCK_BUILD}`, [submissionId]);
  return locked && client.one<SubmissionRow>(`
    SELECT ${BUILD_COLUMNS}, l.update_token
    FROM results r LEFT JOIN live_builds l ON l.result_id = r.id WHERE r.id = $1`, [locked.id]);
}

async function readBags(client: Queryable, resultKey: number) {
  return readBagsRow((await client.one<BagsRow>('SELECT client_info, results_list FROM results WHERE id = $1', [resultKey]))!);
}

// The test cases index follows the steps of a result that counts in its tagset.
async function indexTestCases(client: Queryable, build: BuildRow, resultsList: WireStruct[]): Promise<void> {
  await client.run('DELETE FROM test_cases WHERE result_id = $1', [build.id]);
  await insertTestCases(client, { resultId: build.id, package: build.package, tagsetKey: build.tagset_key }, readTestCases(resultsList));
}

async function completeBuild(client: Queryable, build: BuildRow, record: FinishBuildRecord): Promise<void> {
  const resultsList = record.resultsList ?? (await readBags(client, build.id)).resultsList;
  await client.run(`
    UPDATE results SET state = 'finished', received_at = $2, success = $3, duration = $4,
      revision = $5, client_info = $6, results_list = $7
    WHERE id = $1`, [
    build.id, record.finishedAt, record.success === null ? null : Number(record.success), record.duration,
    readRevision(record.clientInfo, resultsList), stringifyTagged(record.clientInfo), stringifyTagged(resultsList),
  ]);
  await indexTestCases(client, build, resultsList);
  // An abandoned build already counts in its tagset.
  if (build.state === 'running') {
    await countInTagset(client, build.tagset_key, build.package, build.tagset_key, build.id);
  }
  await client.run('DELETE FROM build_reservations WHERE tagset_key = $1', [build.tagset_key]);
  await client.run('DELETE FROM live_output WHERE result_id = $1', [build.id]);
  await client.run('UPDATE live_builds SET last_activity_at = $1 WHERE result_id = $2', [record.finishedAt, build.id]);
}

async function touch(client: Queryable, resultKey: number, at: number): Promise<void> {
  await client.run('UPDATE live_builds SET last_activity_at = $1 WHERE result_id = $2', [at, resultKey]);
}

export function createPostgresLiveQueries(database: PostgresDatabase): LiveBuildStore {
  return {
    beginBuild(record) {
      // Two begins (or a begin and a whole submission) with one new submission id both find
      // nothing; the unique index on submission ids refuses the second insert, and its retry
      // answers the first one's result.
      return transactionRetryingDuplicate(database, async (client) => {
        const existing = await lockBySubmission(client, record.submissionId);
        if (existing?.update_token) {
          return { resultKey: existing.id, updateToken: existing.update_token };
        }
        const resultKey = existing?.id ?? (await client.one<{ id: number }>(`
          INSERT INTO results (received_at, client_ip, package, host, arch, tagset_key, success, duration,
                               auth_key, revision, client_info, results_list, state, submission_id)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, '[]', 'running', $11)
          RETURNING id`, [
          record.startedAt, record.clientIp, record.package, record.host, record.arch, record.tagsetKey,
          record.success === null ? null : Number(record.success), record.duration, record.authKey,
          stringifyTagged(record.clientInfo), record.submissionId,
        ]))!.id;
        await client.run(`
          INSERT INTO live_builds (result_id, update_token, started_at, last_activity_at, step_count)
          VALUES ($1, $2, $3, $3, 0)`, [resultKey, record.updateToken, record.startedAt]);
        return { resultKey, updateToken: record.updateToken };
      });
    },

    addLiveStep(updateToken, step, at, maxHeldTestCases) {
      return database.transaction(async (client) => {
        const build = await lockByToken(client, updateToken);
        if (!build) {
          return { kind: 'unknown-token' as const };
        }
        if (build.state === 'finished') {
          return { kind: 'already-finished' as const, resultKey: build.id };
        }
        const stepJson = stringifyTagged(step);
        const digest = digestStep(stepJson);
        if (digest === build.last_step_digest) {
          await touch(client, build.id, at);
          return { kind: 'repeated' as const, resultKey: build.id, stepIndex: build.step_count - 1 };
        }
        if (maxHeldTestCases !== undefined) {
          // Counted by PostgreSQL's JSON reader, without turning the held steps into objects.
          const held = (await client.one<{ count: number }>(`
            SELECT coalesce(sum(CASE WHEN json_typeof(s.value -> 'test_cases') = 'array'
                                     THEN json_array_length(s.value -> 'test_cases') ELSE 0 END), 0) AS count
            FROM results r, json_array_elements(regexp_replace(r.results_list, $2, '\\\\u0020', 'g')::json) s
            WHERE r.id = $1`, [build.id, ESCAPES_JSON_FIELDS_REFUSE]))!.count;
          if (held > maxHeldTestCases) {
            return { kind: 'no-room-for-test-cases' as const, resultKey: build.id, heldTestCases: held };
          }
        }
        // Appends to the stored JSON text, so adding a step never parses the steps before it.
        await client.run(`
          UPDATE results SET results_list = CASE WHEN results_list = '[]' THEN '[' || $2::text || ']'
            ELSE left(results_list, -1) || ',' || $2::text || ']' END
          WHERE id = $1`, [build.id, stepJson]);
        const stepCount = build.step_count + 1;
        await client.run(`
          UPDATE live_builds SET step_count = $1, last_step_digest = $2, last_step_name = $3, last_activity_at = $4
          WHERE result_id = $5`, [stepCount, digest, readStepName(step), at, build.id]);
        await client.run('DELETE FROM live_output WHERE result_id = $1 AND step_index < $2', [build.id, stepCount]);
        if (build.state === 'abandoned') {
          await indexTestCases(client, build, (await readBags(client, build.id)).resultsList);
        }
        return { kind: 'added' as const, resultKey: build.id, stepIndex: build.step_count };
      });
    },

    appendLiveOutput(updateToken, chunk, at) {
      return database.transaction(async (client) => {
        const build = await lockByToken(client, updateToken);
        if (!build) {
          return { kind: 'unknown-token' as const };
        }
        if (build.state === 'finished') {
          return { kind: 'already-finished' as const, resultKey: build.id };
        }
        await touch(client, build.id, at);
        // Output of a step already added is late: the finished step holds all of it.
        if (chunk.stepIndex >= build.step_count) {
          const held = await client.one<HeldOutput>(`
            SELECT head, head_bytes AS "headBytes", received FROM live_output
            WHERE result_id = $1 AND step_index = $2 AND stream = $3`, [build.id, chunk.stepIndex, chunk.stream]) ?? NO_OUTPUT;
          const next = appendToHead(held, chunk.text, chunk.offset);
          if (next !== held) {
            await client.run(`
              INSERT INTO live_output (result_id, step_index, stream, head, head_bytes, received)
              VALUES ($1, $2, $3, $4, $5, $6)
              ON CONFLICT (result_id, step_index, stream) DO UPDATE SET
                head = excluded.head, head_bytes = excluded.head_bytes, received = excluded.received`,
            [build.id, chunk.stepIndex, chunk.stream, next.head, next.headBytes, next.received]);
          }
        }
        return { kind: 'appended' as const, resultKey: build.id };
      });
    },

    finishBuild(updateToken, record) {
      return database.transaction(async (client) => {
        const build = await lockByToken(client, updateToken);
        if (!build) {
          return { kind: 'unknown-token' as const };
        }
        if (build.state === 'finished') {
          return { kind: 'finished' as const, resultKey: build.id, authKey: build.auth_key };
        }
        const mismatch = findTagsetMismatch(build, record.tagsetKey);
        if (mismatch) {
          return mismatch;
        }
        await completeBuild(client, build, record);
        return { kind: 'finished' as const, resultKey: build.id, authKey: build.auth_key };
      });
    },

    submitResult(record) {
      // Two submissions of one new submission id both find nothing; the unique index refuses the
      // second insert, and its retry answers the first one's result as a repeat.
      return transactionRetryingDuplicate(database, async (client): Promise<SubmitOutcome> => {
        const existing = await lockBySubmission(client, record.submissionId);
        if (!existing) {
          return { kind: 'stored', resultKey: await insertFinishedResult(client, record), authKey: record.authKey };
        }
        if (existing.state === 'finished') {
          return { kind: 'repeated', resultKey: existing.id, authKey: existing.auth_key };
        }
        const mismatch = findTagsetMismatch(existing, record.tagsetKey);
        if (mismatch) {
          return mismatch;
        }
        // A live build whose client sent the whole result instead of finishing it.
        await completeBuild(client, existing, { ...record, finishedAt: record.receivedAt });
        return { kind: 'completed', resultKey: existing.id, authKey: existing.auth_key };
      });
    },

    async listRunningBuilds() {
      const rows = await database.rows<RunningRow>(`
        SELECT r.id, r.package, r.host, r.arch, r.tagset_key, l.started_at, l.last_activity_at, l.step_count,
               l.last_step_name, latest.duration AS last_duration
        FROM results r JOIN live_builds l ON l.result_id = r.id
          LEFT JOIN tagsets t ON t.tagset_key = r.tagset_key
          LEFT JOIN results latest ON latest.id = t.latest_result_id
        WHERE r.state = 'running' ORDER BY r.id`);
      return rows.map(readRunningRow);
    },

    abandonBuild(resultKey, lastActivityAt) {
      return database.transaction(async (client) => {
        // A call that touched the build while this waited for its lock makes it no longer match:
        // the build is alive after all.
        const build = await client.one<BuildRow>(`
          SELECT ${BUILD_COLUMNS} FROM results r JOIN live_builds l ON l.result_id = r.id
          WHERE r.id = $1 AND r.state = 'running' AND l.last_activity_at = $2
          ${LOCK_BUILD}`, [resultKey, lastActivityAt]);
        if (!build) {
          return false;
        }
        const { clientInfo, resultsList } = await readBags(client, build.id);
        await client.run(`UPDATE results SET state = 'abandoned', success = 0, revision = $1 WHERE id = $2`,
          [readRevision(clientInfo, resultsList), build.id]);
        await indexTestCases(client, build, resultsList);
        await countInTagset(client, build.tagset_key, build.package, build.tagset_key, build.id);
        return true;
      });
    },

    async getRunningStep(resultKey) {
      return readRunningStepRows(await database.rows<RunningStepRow>(`
        SELECT l.step_count, o.stream, o.head
        FROM results r JOIN live_builds l ON l.result_id = r.id
          LEFT JOIN live_output o ON o.result_id = r.id AND o.step_index = l.step_count
        WHERE r.id = $1 AND r.state <> 'finished'`, [resultKey]));
    },
  };
}

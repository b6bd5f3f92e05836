// Live builds and submission ids in the SQLite store. Each operation is one transaction that
// reads the build by its token and decides from what it finds, so a retried call, two calls
// racing, or a call after the build finished never store anything twice.
import type Database from 'better-sqlite3';
import type { WireStruct } from '../../wire/types.ts';
import { prepareCountInTagset } from './count-in-tagset.ts';
import { prepareInsertTestCases } from './insert-test-cases.ts';
import { BUILD_COLUMNS, digestStep, findTagsetMismatch, readBagsRow, readRunningRow, readRunningStepRows, readStepName } from './live-build-rows.ts';
import type { BagsRow, BuildRow, RunningRow, RunningStepRow, SubmissionRow, TokenRow } from './live-build-rows.ts';
import { appendToHead, NO_OUTPUT, type HeldOutput } from './live-output-head.ts';
import type {
  FinishBuildRecord,
  LiveBuildStore,
  NewLiveBuildRecord,
  OutputStreamName,
  SubmittedResultRecord,
  SubmitOutcome,
} from './live-types.ts';
import { readRevision } from './read-revision.ts';
import { readTestCases } from './read-test-cases.ts';
import { stringifyTagged } from './tagged-json.ts';

/** Writes a new finished result (the store's own insert), returning its key. */
export type InsertResult = (record: SubmittedResultRecord) => number;

export function createSqliteLiveQueries(database: Database.Database, insertResult: InsertResult): LiveBuildStore {
  const statements = {
    findBySubmission: database.prepare(`
      SELECT ${BUILD_COLUMNS}, l.update_token
      FROM results r LEFT JOIN live_builds l ON l.result_id = r.id WHERE r.submission_id = ?`),
    findByToken: database.prepare(`
      SELECT ${BUILD_COLUMNS}, l.step_count, l.last_step_digest
      FROM live_builds l JOIN results r ON r.id = l.result_id WHERE l.update_token = ?`),
    insertRunning: database.prepare(`
      INSERT INTO results (received_at, client_ip, package, host, arch, tagset_key, success, duration,
                           auth_key, revision, client_info, results_list, state, submission_id)
      VALUES (@startedAt, @clientIp, @package, @host, @arch, @tagsetKey, @success, @duration,
              @authKey, NULL, @clientInfo, '[]', 'running', @submissionId)`),
    insertLiveBuild: database.prepare(`
      INSERT INTO live_builds (result_id, update_token, started_at, last_activity_at, step_count)
      VALUES (?, ?, ?, ?, 0)`),
    // Appends to the stored JSON text, so adding a step never parses the steps before it.
    appendStep: database.prepare(`
      UPDATE results SET results_list = CASE WHEN results_list = '[]' THEN '[' || @step || ']'
        ELSE substr(results_list, 1, length(results_list) - 1) || ',' || @step || ']' END
      WHERE id = @id`),
    recordStep: database.prepare(`
      UPDATE live_builds SET step_count = ?, last_step_digest = ?, last_step_name = ?, last_activity_at = ?
      WHERE result_id = ?`),
    touch: database.prepare('UPDATE live_builds SET last_activity_at = ? WHERE result_id = ?'),
    deleteOutputBefore: database.prepare('DELETE FROM live_output WHERE result_id = ? AND step_index < ?'),
    deleteOutput: database.prepare('DELETE FROM live_output WHERE result_id = ?'),
    getOutput: database.prepare(`
      SELECT head, head_bytes AS headBytes, received FROM live_output
      WHERE result_id = ? AND step_index = ? AND stream = ?`),
    putOutput: database.prepare(`
      INSERT INTO live_output (result_id, step_index, stream, head, head_bytes, received)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (result_id, step_index, stream) DO UPDATE SET
        head = excluded.head, head_bytes = excluded.head_bytes, received = excluded.received`),
    readBags: database.prepare('SELECT client_info, results_list FROM results WHERE id = ?'),
    // Counted by SQLite's JSON reader, without turning the held steps into objects.
    countHeldTestCases: database.prepare(`
      SELECT coalesce(sum(json_array_length(s.value, '$.test_cases')), 0) AS count
      FROM results r, json_each(r.results_list) s WHERE r.id = ?`),
    finish: database.prepare(`
      UPDATE results SET state = 'finished', received_at = @finishedAt, success = @success, duration = @duration,
        revision = @revision, client_info = @clientInfo, results_list = @resultsList
      WHERE id = @id`),
    abandon: database.prepare(`UPDATE results SET state = 'abandoned', success = 0, revision = ? WHERE id = ?`),
    deleteTestCases: database.prepare('DELETE FROM test_cases WHERE result_id = ?'),
    deleteReservation: database.prepare('DELETE FROM build_reservations WHERE tagset_key = ?'),
    findRunningToAbandon: database.prepare(`
      SELECT ${BUILD_COLUMNS} FROM results r JOIN live_builds l ON l.result_id = r.id
      WHERE r.id = ? AND r.state = 'running' AND l.last_activity_at = ?`),
    listRunning: database.prepare(`
      SELECT r.id, r.package, r.host, r.arch, r.tagset_key, l.started_at, l.last_activity_at, l.step_count,
             l.last_step_name, latest.duration AS last_duration
      FROM results r JOIN live_builds l ON l.result_id = r.id
        LEFT JOIN tagsets t ON t.tagset_key = r.tagset_key
        LEFT JOIN results latest ON latest.id = t.latest_result_id
      WHERE r.state = 'running' ORDER BY r.id`),
    getRunningStep: database.prepare(`
      SELECT l.step_count, o.stream, o.head
      FROM results r JOIN live_builds l ON l.result_id = r.id
        LEFT JOIN live_output o ON o.result_id = r.id AND o.step_index = l.step_count
      WHERE r.id = ? AND r.state != 'finished'`),
  };
  const insertTestCases = prepareInsertTestCases(database);
  const countInTagset = prepareCountInTagset(database);

  // The test cases index follows the steps of a result that counts in its tagset.
  const indexTestCases = (build: BuildRow, resultsList: WireStruct[]) => {
    statements.deleteTestCases.run(build.id);
    insertTestCases({ resultId: build.id, package: build.package, tagsetKey: build.tagset_key }, readTestCases(resultsList));
  };

  const readBags = (resultKey: number) => readBagsRow(statements.readBags.get(resultKey) as BagsRow);

  const completeBuild = (build: BuildRow, record: FinishBuildRecord) => {
    const resultsList = record.resultsList ?? readBags(build.id).resultsList;
    statements.finish.run({
      id: build.id,
      finishedAt: record.finishedAt,
      success: record.success === null ? null : Number(record.success),
      duration: record.duration,
      revision: readRevision(record.clientInfo, resultsList),
      clientInfo: stringifyTagged(record.clientInfo),
      resultsList: stringifyTagged(resultsList),
    });
    indexTestCases(build, resultsList);
    // An abandoned build already counts in its tagset.
    if (build.state === 'running') {
      countInTagset(build.tagset_key, build.package, build.tagset_key, build.id);
    }
    statements.deleteReservation.run(build.tagset_key);
    statements.deleteOutput.run(build.id);
    statements.touch.run(record.finishedAt, build.id);
  };

  const beginBuild = database.transaction((record: NewLiveBuildRecord, clientInfo: string) => {
    const existing = record.submissionId === null
      ? undefined
      : statements.findBySubmission.get(record.submissionId) as SubmissionRow | undefined;
    if (existing?.update_token) {
      return { resultKey: existing.id, updateToken: existing.update_token };
    }
    const resultKey = existing?.id ?? Number(statements.insertRunning.run({
      ...record,
      success: record.success === null ? null : Number(record.success),
      clientInfo,
    }).lastInsertRowid);
    statements.insertLiveBuild.run(resultKey, record.updateToken, record.startedAt, record.startedAt);
    return { resultKey, updateToken: record.updateToken };
  });

  const addLiveStep = database.transaction((updateToken: string, step: WireStruct, at: number, maxHeldTestCases?: number) => {
    const build = statements.findByToken.get(updateToken) as TokenRow | undefined;
    if (!build) {
      return { kind: 'unknown-token' as const };
    }
    if (build.state === 'finished') {
      return { kind: 'already-finished' as const, resultKey: build.id };
    }
    const stepJson = stringifyTagged(step);
    const digest = digestStep(stepJson);
    if (digest === build.last_step_digest) {
      statements.touch.run(at, build.id);
      return { kind: 'repeated' as const, resultKey: build.id, stepIndex: build.step_count - 1 };
    }
    if (maxHeldTestCases !== undefined) {
      const held = (statements.countHeldTestCases.get(build.id) as { count: number }).count;
      if (held > maxHeldTestCases) {
        return { kind: 'no-room-for-test-cases' as const, resultKey: build.id, heldTestCases: held };
      }
    }
    statements.appendStep.run({ id: build.id, step: stepJson });
    const stepCount = build.step_count + 1;
    statements.recordStep.run(stepCount, digest, readStepName(step), at, build.id);
    statements.deleteOutputBefore.run(build.id, stepCount);
    if (build.state === 'abandoned') {
      indexTestCases(build, readBags(build.id).resultsList);
    }
    return { kind: 'added' as const, resultKey: build.id, stepIndex: build.step_count };
  });

  const appendLiveOutput = database.transaction((updateToken: string, stepIndex: number, stream: OutputStreamName,
    text: string, offset: number | null, at: number) => {
    const build = statements.findByToken.get(updateToken) as TokenRow | undefined;
    if (!build) {
      return { kind: 'unknown-token' as const };
    }
    if (build.state === 'finished') {
      return { kind: 'already-finished' as const, resultKey: build.id };
    }
    statements.touch.run(at, build.id);
    // Output of a step already added is late: the finished step holds all of it.
    if (stepIndex >= build.step_count) {
      const held = (statements.getOutput.get(build.id, stepIndex, stream) as HeldOutput | undefined) ?? NO_OUTPUT;
      const next = appendToHead(held, text, offset);
      if (next !== held) {
        statements.putOutput.run(build.id, stepIndex, stream, next.head, next.headBytes, next.received);
      }
    }
    return { kind: 'appended' as const, resultKey: build.id };
  });

  const finishBuild = database.transaction((updateToken: string, record: FinishBuildRecord) => {
    const build = statements.findByToken.get(updateToken) as TokenRow | undefined;
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
    completeBuild(build, record);
    return { kind: 'finished' as const, resultKey: build.id, authKey: build.auth_key };
  });

  const submitResult = database.transaction((record: SubmittedResultRecord): SubmitOutcome => {
    const existing = record.submissionId === null
      ? undefined
      : statements.findBySubmission.get(record.submissionId) as SubmissionRow | undefined;
    if (!existing) {
      return { kind: 'stored', resultKey: insertResult(record), authKey: record.authKey };
    }
    if (existing.state === 'finished') {
      return { kind: 'repeated', resultKey: existing.id, authKey: existing.auth_key };
    }
    const mismatch = findTagsetMismatch(existing, record.tagsetKey);
    if (mismatch) {
      return mismatch;
    }
    // A live build whose client sent the whole result instead of finishing it.
    completeBuild(existing, { ...record, finishedAt: record.receivedAt });
    return { kind: 'completed', resultKey: existing.id, authKey: existing.auth_key };
  });

  const abandonBuild = database.transaction((resultKey: number, lastActivityAt: number) => {
    const build = statements.findRunningToAbandon.get(resultKey, lastActivityAt) as BuildRow | undefined;
    if (!build) {
      return false;
    }
    const { clientInfo, resultsList } = readBags(build.id);
    statements.abandon.run(readRevision(clientInfo, resultsList), build.id);
    indexTestCases(build, resultsList);
    countInTagset(build.tagset_key, build.package, build.tagset_key, build.id);
    return true;
  });

  return {
    async beginBuild(record) {
      return beginBuild(record, stringifyTagged(record.clientInfo));
    },
    async addLiveStep(updateToken, step, at, maxHeldTestCases) {
      return addLiveStep(updateToken, step, at, maxHeldTestCases);
    },
    async appendLiveOutput(updateToken, chunk, at) {
      return appendLiveOutput(updateToken, chunk.stepIndex, chunk.stream, chunk.text, chunk.offset, at);
    },
    async finishBuild(updateToken, record) {
      return finishBuild(updateToken, record);
    },
    async submitResult(record) {
      return submitResult(record);
    },
    async listRunningBuilds() {
      return (statements.listRunning.all() as RunningRow[]).map(readRunningRow);
    },
    async abandonBuild(resultKey, lastActivityAt) {
      return abandonBuild(resultKey, lastActivityAt);
    },
    async getRunningStep(resultKey) {
      return readRunningStepRows(statements.getRunningStep.all(resultKey) as RunningStepRow[]);
    },
  };
}

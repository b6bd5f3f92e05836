// The rows both stores read about live builds, and the decisions taken from them that do not
// depend on the database: the SQLite and PostgreSQL stores answer alike because they share these.
import { createHash } from 'node:crypto';
import type { WireStruct } from '../../wire/types.ts';
import type { OutputStreamName, ResultState, RunningBuildRecord, RunningStepRecord, TagsetMismatch } from './live-types.ts';
import { parseTagged } from './tagged-json.ts';

/** A result as a live call decides from it. */
export interface BuildRow {
  id: number;
  state: ResultState;
  auth_key: string;
  package: string;
  tagset_key: string;
}

/** Reads a BuildRow from `results r`. */
export const BUILD_COLUMNS = 'r.id, r.state, r.auth_key, r.package, r.tagset_key';

/** A build found by its update token, with what tells a retried step from a new one. */
export interface TokenRow extends BuildRow {
  step_count: number;
  last_step_digest: string | null;
}

/** A result found by its submission id; the token is null for a result sent whole. */
export interface SubmissionRow extends BuildRow {
  update_token: string | null;
}

export interface RunningRow {
  id: number;
  package: string;
  host: string;
  arch: string;
  tagset_key: string;
  started_at: number;
  last_activity_at: number;
  step_count: number;
  last_step_name: string | null;
  last_duration: number | null;
}

/** One held stream of the running step; stream and head are null when nothing was held yet. */
export interface RunningStepRow {
  step_count: number;
  stream: OutputStreamName | null;
  head: string | null;
}

/** A result's two bags as stored, which finishing, abandoning or re-indexing a build reads. */
export interface BagsRow {
  client_info: string;
  results_list: string;
}

export function readBagsRow(row: BagsRow): { clientInfo: WireStruct; resultsList: WireStruct[] } {
  return {
    clientInfo: parseTagged(row.client_info, 'client_info') as WireStruct,
    resultsList: parseTagged(row.results_list, 'results_list') as WireStruct[],
  };
}

/** The stored step's digest: a step equal to the last one added is a retry, not a new step. */
export function digestStep(stepJson: string): string {
  return createHash('sha256').update(stepJson).digest('hex');
}

/** The step's name as lists of running builds show it, or null when it has no string name. */
export function readStepName(step: { name?: unknown }): string | null {
  return typeof step.name === 'string' ? step.name : null;
}

/** A build may only finish in the tagset it began with; undefined when it does. */
export function findTagsetMismatch(build: BuildRow, tagsetKey: string): TagsetMismatch | undefined {
  return build.tagset_key === tagsetKey
    ? undefined
    : { kind: 'tagset-mismatch', resultKey: build.id, tagset: JSON.parse(build.tagset_key) as string[] };
}

export function readRunningRow(row: RunningRow): RunningBuildRecord {
  return {
    key: row.id,
    package: row.package,
    host: row.host,
    arch: row.arch,
    tagset: JSON.parse(row.tagset_key) as string[],
    tagsetKey: row.tagset_key,
    startedAt: row.started_at,
    lastActivityAt: row.last_activity_at,
    stepCount: row.step_count,
    lastStepName: row.last_step_name,
    lastFinishedDuration: row.last_duration,
  };
}

/** The running step from its held streams; undefined when the result was never live or is finished (no rows). */
export function readRunningStepRows(rows: readonly RunningStepRow[]): RunningStepRecord | undefined {
  if (rows.length === 0) {
    return undefined;
  }
  const heads = new Map(rows.map((row) => [row.stream, row.head ?? '']));
  return { index: rows[0]!.step_count, output: heads.get('output') ?? '', errout: heads.get('errout') ?? '' };
}

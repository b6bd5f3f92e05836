// What the store keeps about builds reported live (begin_build, add_step, append_output,
// finish_build; docs/PROTOCOL.md, "Live builds") and about submission ids. Every write is one
// transaction that answers with an outcome; the commands turn outcomes into answers or errors.
import type { WireStruct } from '../../wire/types.ts';
import type { NewResultRecord } from './types.ts';

/** The one vocabulary of a result's life: begun and not finished, finished, or given up on. */
export type ResultState = 'running' | 'finished' | 'abandoned';

/** The two captured streams of a step. */
export type OutputStreamName = 'output' | 'errout';

/** What begin_build stores: a result in state `running`, with no steps yet. */
export interface NewLiveBuildRecord {
  /** Unix seconds, server time; also the result's receipt time until it finishes. */
  startedAt: number;
  clientIp: string;
  package: string;
  host: string;
  arch: string;
  tagsetKey: string;
  success: boolean | null;
  duration: number | null;
  authKey: string;
  updateToken: string;
  /** client_info.submission_id, or null when the client sent none. */
  submissionId: string | null;
  clientInfo: WireStruct;
}

/** A result and the token that updates it. */
export interface LiveBuildKeys {
  resultKey: number;
  updateToken: string;
}

/** A stored result and the key that authorises uploads to it. */
export interface ResultKeys {
  resultKey: number;
  authKey: string;
}

/** What finishing a build writes: the final client_info and, when given, the whole results_list. */
export interface FinishBuildRecord {
  /** Unix seconds, server time: the result's receipt time from now on. */
  finishedAt: number;
  /** The tagset the final client_info names; it must be the one the build began with. */
  tagsetKey: string;
  success: boolean | null;
  duration: number | null;
  clientInfo: WireStruct;
  /** The authoritative steps, replacing those added live; null keeps the steps added so far. */
  resultsList: WireStruct[] | null;
}

/** A call for a token that no build has, or for a build that cannot take it. */
export type LiveCallRefusal =
  | { kind: 'unknown-token' }
  | { kind: 'already-finished'; resultKey: number };

/** The final client_info names another tagset than the build began with. */
export interface TagsetMismatch {
  kind: 'tagset-mismatch';
  resultKey: number;
  /** The canonical tagset the build began with. */
  tagset: string[];
}

export type AddStepOutcome =
  | LiveCallRefusal
  | { kind: 'added' | 'repeated'; resultKey: number; stepIndex: number }
  /** The steps held already carry more test cases than the call left room for; the step was not added. */
  | { kind: 'no-room-for-test-cases'; resultKey: number; heldTestCases: number };

export type AppendOutputOutcome = LiveCallRefusal | { kind: 'appended'; resultKey: number };

export type FinishOutcome = { kind: 'unknown-token' } | TagsetMismatch | ({ kind: 'finished' } & ResultKeys);

/** A result submitted whole (add_results): stored, the same submission already stored, or a live build it completes. */
export type SubmitOutcome = TagsetMismatch | ({ kind: 'stored' | 'repeated' | 'completed' } & ResultKeys);

/** A new result as add_results writes it, with the submission id that makes a resend recognisable. */
export interface SubmittedResultRecord extends NewResultRecord {
  submissionId: string | null;
}

/** One chunk of a running step's output. */
export interface OutputChunk {
  /** The step's position in results_list once added: the number of steps added before it. */
  stepIndex: number;
  stream: OutputStreamName;
  text: string;
  /** Characters of this stream of this step sent before `text`; null appends. */
  offset: number | null;
}

/** A build that is running now, as lists of builds in progress show it. */
export interface RunningBuildRecord {
  key: number;
  package: string;
  host: string;
  arch: string;
  tagset: string[];
  tagsetKey: string;
  /** Unix seconds of begin_build. */
  startedAt: number;
  /** Unix seconds of the build's last call. */
  lastActivityAt: number;
  /** How many steps were added: the running step's index. */
  stepCount: number;
  /** The name of the last step added, or null (none yet, or it had no string name). */
  lastStepName: string | null;
  /** The duration of the tagset's newest finished or abandoned result, which sets the build's allowance. */
  lastFinishedDuration: number | null;
}

/** The live output of the step a running (or abandoned) build was in. */
export interface RunningStepRecord {
  index: number;
  output: string;
  errout: string;
}

export interface LiveBuildStore {
  /** Stores a running build, or answers the result that already has this submission id (making it a token if it has none). */
  beginBuild(record: NewLiveBuildRecord): Promise<LiveBuildKeys>;
  /**
   * Appends a finished step, unless it equals the last one added (a retry); `at` is the call's time.
   * With `maxHeldTestCases`, a new step is refused when the steps held carry more test cases than that.
   */
  addLiveStep(updateToken: string, step: WireStruct, at: number, maxHeldTestCases?: number): Promise<AddStepOutcome>;
  /** Adds the part of a chunk past what is held for its step and stream, within the head bound. */
  appendLiveOutput(updateToken: string, chunk: OutputChunk, at: number): Promise<AppendOutputOutcome>;
  /** Finishes a running or abandoned build; a finished one answers its keys and is left as it is. */
  finishBuild(updateToken: string, record: FinishBuildRecord): Promise<FinishOutcome>;
  /** add_results: stores a new result, or answers (completing a live build) the one with the same submission id. */
  submitResult(record: SubmittedResultRecord): Promise<SubmitOutcome>;
  /** Every build in state `running`, oldest first. */
  listRunningBuilds(): Promise<RunningBuildRecord[]>;
  /** Marks a running build abandoned, unless a call came after `lastActivityAt`; true when it did. */
  abandonBuild(resultKey: number, lastActivityAt: number): Promise<boolean>;
  /** The running step's output so far; undefined for a result that was never live or is finished. */
  getRunningStep(resultKey: number): Promise<RunningStepRecord | undefined>;
}

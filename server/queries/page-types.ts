// What the coordinator answers the web pages (and their JSON twins) with.
import type { WireStruct } from '../../wire/types.ts';
import type { OutcomePoint, ResultOutcome, Streak } from '../rules/summarize-outcomes.ts';
import type { ResultState, RunningStepRecord } from '../store/live-types.ts';
import type { UploadRecord } from '../store/types.ts';
import type { ResultSummary, TagsetSummary } from './summary-types.ts';
import type { ResultTests } from './test-types.ts';

/** One tagset on the dashboard: its latest result and whether a build of it is running. */
export interface DashboardTagset extends TagsetSummary {
  /** A client reserved a build of this tagset and its allowance has not run out. */
  building: boolean;
  /** Unix seconds of that reservation, or null. */
  buildingSince: number | null;
  /** The latest result failed less than a day ago. */
  failedRecently: boolean;
}

/** A tagset being built for the first time: reserved, with no result yet. */
export interface FirstBuild {
  package: string;
  tagset: string[];
  visibleTags: string[];
  /** Unix seconds of the reservation. */
  buildingSince: number;
}

export interface Dashboard {
  /** The coordinator's clock when the dashboard was read, in Unix seconds. */
  now: number;
  /** Sorted by package, then tagset; the views choose their own order. */
  tagsets: DashboardTagset[];
  /** Oldest reservation first. */
  firstBuilds: FirstBuild[];
}

export interface TagsetHistory extends TagsetSummary {
  streak: Streak;
  /** The latest outcomes, newest first. */
  recent: OutcomePoint[];
  /** How many of `recent` passed. */
  passedCount: number;
}

export interface PackageResultsOptions {
  /** Only results older than this key: the `nextBefore` of the previous page. */
  before?: number;
  /** Most results per page, 1 to 200. Default 50. */
  limit?: number;
  /** Results whose tagset has all of these visible tags. */
  tags?: string[];
  host?: string;
  arch?: string;
  outcome?: ResultOutcome;
}

export interface PackageResult extends ResultSummary {
  tagset: string[];
  visibleTags: string[];
}

/** One page of a package's results, newest first. */
export interface PackageResultsPage {
  package: string;
  results: PackageResult[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

export interface NeighbourResults {
  previousKey: number | null;
  nextKey: number | null;
}

/** One result as its page shows it: what the server derived when storing it, and the bags. */
export interface ResultDetail extends ResultSummary {
  /** The canonical tagset, as stored. */
  tagset: string[];
  visibleTags: string[];
  clientIp: string;
  revision: string | null;
  clientInfo: WireStruct;
  resultsList: WireStruct[];
}

/** Everything a result's page shows. */
export interface ResultPage {
  result: ResultDetail;
  /** Running, finished, or given up on (docs/PROTOCOL.md, "Live builds"). */
  state: ResultState;
  /** The step a running (or abandoned) build is in, with its output so far; null once finished. */
  runningStep: RunningStepRecord | null;
  tests: ResultTests;
  neighbours: NeighbourResults;
  /** The visible files only. */
  uploads: UploadRecord[];
}

// What the coordinator answers the web pages (and their JSON twins) with.
import type { ResultSummary, TagsetSummary } from './types.ts';

/** A result's outcome: `passed`, `failed`, or `unknown` when the client sent no `success`. */
export type ResultOutcome = 'passed' | 'failed' | 'unknown';

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

/** One result's outcome in a tagset's history. */
export interface OutcomePoint {
  resultKey: number;
  time: number;
  outcome: ResultOutcome;
}

/** How long a tagset has had its latest outcome. */
export interface Streak {
  outcome: ResultOutcome;
  /** The oldest result of the streak. */
  sinceResultKey: number;
  length: number;
  /** False when the streak reaches past the results that were read, so it is at least `length`. */
  complete: boolean;
}

export interface TagsetHistory extends TagsetSummary {
  streak: Streak;
  /** The latest outcomes, newest first. */
  recent: OutcomePoint[];
  /** How many of `recent` passed. */
  passedCount: number;
}

/** Which of a package's tagsets: `tags` are the visible tags, host and arch narrow further. */
export interface TagsetSelector {
  tags: string[];
  host?: string;
  arch?: string;
  /** When true the visible tags must equal `tags`; otherwise they must include them. */
  exactTags: boolean;
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

export interface PageQueries {
  /** Every tagset's latest result, with its build state. */
  getDashboard(): Promise<Dashboard>;
  /** Each tagset of the package with its latest result, streak and recent outcomes. */
  getPackageHistory(packageName: string, options?: { recentLength?: number }): Promise<TagsetHistory[]>;
  /** A page of the package's results, newest first, filtered by tags, host, arch and outcome. */
  listPackageResults(packageName: string, options?: PackageResultsOptions): Promise<PackageResultsPage>;
  /** The previous and next result of the same tagset; undefined for an unknown result. */
  findNeighbourResults(resultKey: number): Promise<NeighbourResults | undefined>;
  /** The package's tagsets that the selector names, newest latest result first. */
  findTagsets(packageName: string, selector: TagsetSelector): Promise<TagsetSummary[]>;
}

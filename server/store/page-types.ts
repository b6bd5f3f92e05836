// What the web pages need from storage beyond single results: light summaries read through
// the (package, id) and (package, tagset_key, id) indexes, never whole bags.

/** What summary views need about a result, without reading its bags. */
export interface ResultSummaryRecord {
  key: number;
  receivedAt: number;
  package: string;
  host: string;
  arch: string;
  success: boolean | null;
  duration: number | null;
}

/** A client said it is building this tagset now. */
export interface BuildReservation {
  /** Unix seconds. */
  reservedAt: number;
  /** The allowance the client asked for, in seconds; 0 when it asked for none. */
  requestedAllowance: number;
}

/** A result's summary with the tagset it belongs to. */
export interface PackageResultRecord extends ResultSummaryRecord {
  tagsetKey: string;
}

export interface ResultSummaryQuery {
  packageName: string;
  /** Only this tagset's results; all of the package's when absent. */
  tagsetKey?: string;
  /** Only results with a smaller key (older); all when absent. */
  beforeKey?: number;
  limit: number;
}

/** The keys of the results just before and after one result in its tagset. */
export interface NeighbourKeys {
  previousKey: number | null;
  nextKey: number | null;
}

export interface TagsetReservation extends BuildReservation {
  tagsetKey: string;
}

export interface PageStore {
  /** Result summaries of a package (or one of its tagsets), newest first, at most `limit`. */
  listResultSummaries(query: ResultSummaryQuery): Promise<PackageResultRecord[]>;
  /** The previous and next result of the same tagset; undefined for an unknown result. */
  findNeighbourKeys(resultKey: number): Promise<NeighbourKeys | undefined>;
  /** Every current build reservation (one row per tagset at most). */
  listBuildReservations(): Promise<TagsetReservation[]>;
}

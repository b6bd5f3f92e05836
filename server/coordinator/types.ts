// The coordinator is the one programmatic API over stored results: the XML-RPC endpoint,
// the JSON API and the web pages all go through it, and never to the store directly.
// Commands (server/commands/) change what is stored; queries (server/queries/) only read.
import type { WireStruct, WireValue } from '../../wire/types.ts';
import type { AdminSession, NewAdminSession } from '../admin/sessions.ts';
import type { Credentials, Writer, WriteRequest } from '../auth/types.ts';
import type { StepLimits } from '../client-input/read-bags.ts';
import type { AddedResult } from '../commands/add-results.ts';
import type { PutAdminAnswer } from '../commands/admins.ts';
import type { UploadInput } from '../commands/add-upload.ts';
import type { ShouldBuildOptions } from '../commands/check-should-build.ts';
import type { FlushedTagset, PruneSummary, RemovedResult } from '../commands/removal-types.ts';
import type { NewClientToken, RevokedClientToken } from '../commands/client-tokens.ts';
import type { OutputInput } from '../commands/update-live-build.ts';
import type { PushedRepository, RequestedTagset } from '../hooks/request-push-builds.ts';
import type { AuthPolicy, ExpectedBuilder, LivePolicy, RetentionPolicy } from '../config/types.ts';
import type { ExpectedBuilderStatus } from '../queries/expected-types.ts';
import type { LiveResult, RunningBuild } from '../queries/live-results.ts';
import type {
  Dashboard,
  NeighbourResults,
  PackageResultsOptions,
  PackageResultsPage,
  ResultPage,
  TagsetHistory,
} from '../queries/page-types.ts';
import type { StoredTriple } from '../queries/result.ts';
import type { PackageSummary, TagsetSummary } from '../queries/summary-types.ts';
import type { ResultTests, ResultTestsOptions, TestComparison, TestHistory, TestHistoryOptions } from '../queries/test-types.ts';
import type { TagsetSelector } from '../rules/select-tagsets.ts';
import type { ShouldBuildAnswer } from '../rules/should-build.ts';
import type { LiveFollower } from '../live/live-changes.ts';
import type { ResultNotifier } from '../notify/notify-results.ts';
import type { AdminRecord } from '../store/admin-types.ts';
import type { ClientTokenRecord, ClientTokenScope } from '../store/client-token-types.ts';
import type { LiveBuildKeys } from '../store/live-types.ts';
import type { SharedRequestCounts } from '../store/request-count-types.ts';
import type { TestCaseDetail } from '../store/test-case-types.ts';
import type { UploadRecord, UploadWithContent } from '../store/types.ts';
import type { DeliveryQuery, DeliveryRecord } from '../notify/delivery-types.ts';

export interface CoordinatorOptions {
  /** The clock, in Unix seconds; replaceable so that time-based rules can be tested. */
  now?: () => number;
  /** Who should report and how often (see listExpectedBuilders). Default: nobody. */
  expected?: readonly ExpectedBuilder[];
  /** What pruneResults may remove. Default: nothing. */
  retention?: RetentionPolicy;
  /** When a live build that stopped calling is abandoned. Default: after its tagset's build allowance. */
  live?: LivePolicy;
  /** What a result's steps may carry: output per stream (head and tail kept) and test cases. Default 1 MiB, 100,000. */
  limits?: StepLimits;
  /** Bytes all uploaded files may take together; past it the oldest files are evicted. Default 5 GiB. */
  artifactQuotaBytes?: number;
  /** Who may write: anyone (the default), client tokens only, or anonymous clients up to a daily cap. */
  auth?: AuthPolicy;
  /** Hears of every result stored and live build begun, to queue its notifications (server/notify/). Default: nobody. */
  notifier?: ResultNotifier;
}

export interface Coordinator {
  // Commands.
  /** Stores a result; bytes that are valid UTF-8 become text. A submission id already stored answers that result (finishing it, when it is a live build). */
  addResults(clientInfo: WireStruct, resultsList: WireStruct[], origin: { clientIp: string }): Promise<AddedResult>;
  /** Begins a live build, in state `running`; a submission id already stored answers that result and its token. */
  beginBuild(clientInfo: WireStruct, origin: { clientIp: string }): Promise<LiveBuildKeys>;
  /** Appends a finished step to a live build; the same step again (a retry of the last) adds nothing. */
  addStep(updateToken: string, step: WireValue | undefined): Promise<void>;
  /** Adds output of a live build's running step, past what the server already holds, within its head bound. */
  appendOutput(updateToken: string, input: OutputInput): Promise<void>;
  /** Finishes a live build (a results_list given replaces the steps added live); finishing again answers the same keys. */
  finishBuild(updateToken: string, clientInfo: WireStruct, resultsList?: WireValue): Promise<AddedResult>;
  /** Marks abandoned the live builds whose last call is older than their allowance (reads do this first); answers how many. */
  abandonStaleBuilds(): Promise<number>;
  /** Answers "should this client build now?" and reserves the build when the answer is yes. */
  checkShouldBuild(clientInfo: WireStruct, options?: ShouldBuildOptions): Promise<ShouldBuildAnswer>;
  /** Gives back the reservation a "yes" made, for a client that decided not to build; true when one was held. */
  releaseBuild(clientInfo: WireStruct): Promise<boolean>;
  /** Asks the next client of this tagset to build, whatever the other rules say. */
  requestBuild(clientInfo: WireStruct): Promise<void>;
  /** Requests a build of every tagset a push feeds: built from the repository (its newest result says so), or of a package mapped to it. */
  requestPushBuilds(push: PushedRepository): Promise<RequestedTagset[]>;
  /** Attaches a file to the result that `authKey` belongs to; the oldest files beyond the artifact quota are evicted. */
  addUpload(input: UploadInput): Promise<UploadRecord>;
  /** Prunes what the retention policy allows (never a tagset's latest), in batches; does nothing without a policy. */
  pruneResults(now?: number): Promise<PruneSummary>;
  /** Removes one result with its test cases and uploads; its tagset's latest falls back to the previous result. */
  removeResult(resultKey: number): Promise<RemovedResult>;
  /** Removes every result of the one tagset with exactly these visible tags (plus any `__host=`/`__arch=` given). */
  flushTagset(packageName: string, tags: string[]): Promise<FlushedTagset>;

  // Client tokens and who may write (docs/PROTOCOL.md, "Authentication").
  /** Adds a client token scoped to the packages and hosts given (none: any); its secret is in the answer and nowhere else. */
  addClientToken(name: string, scope?: Partial<ClientTokenScope>): Promise<NewClientToken>;
  /** Every client token, oldest first, without secrets. */
  listClientTokens(): Promise<ClientTokenRecord[]>;
  /** Revokes a client token for good; revoking it again changes nothing. */
  revokeClientToken(name: string): Promise<RevokedClientToken>;
  /** The valid token these credentials name; a wrong, revoked or malformed one is refused. */
  checkClientToken(credentials: Credentials): Promise<ClientTokenRecord>;
  /** Who sends a request, by the auth mode: an open server reads no credentials, the others refuse wrong or revoked ones. */
  identifyWriter(credentials: Credentials | undefined, origin: { clientIp: string }): Promise<Writer>;
  /** Refuses a write the writer may not make (no token, out of its scope, over the anonymous cap); counts anonymous bytes. */
  authoriseWrite(writer: Writer, request: WriteRequest): Promise<void>;

  // The web UI's admins and their sessions (server/admin/).
  /** Adds an admin, or gives an existing one this password and ends its sessions; a password under 8 characters is refused. */
  putAdmin(name: string, password: string): Promise<PutAdminAnswer>;
  /** Every admin, oldest first, with when it last signed in; never a password's hash. */
  listAdmins(): Promise<AdminRecord[]>;
  /** Removes an admin and ends its sessions. */
  removeAdmin(name: string): Promise<void>;
  /** Checks the password (at the same cost whether the name exists or not) and opens a 7-day session. */
  signInAdmin(name: string, password: string): Promise<NewAdminSession>;
  /** The live session a cookie's id opens; undefined when unknown or expired. */
  findAdminSession(sessionId: string): Promise<AdminSession | undefined>;
  /** Ends a session; an unknown one changes nothing. */
  endAdminSession(sessionId: string): Promise<void>;

  // Queries: results and tagsets. Every query first abandons the live builds past their allowance.
  /** The stored triple, or undefined for an unknown key; a ResultRunningError for a build still running. */
  getResult(resultKey: number): Promise<StoredTriple | undefined>;
  /** A result in any state, with the running step's output while it runs (or once abandoned); undefined for an unknown key. */
  getLiveResult(resultKey: number): Promise<LiveResult | undefined>;
  /** The live builds running now, oldest first, with the index of the step each is in. */
  listRunningBuilds(): Promise<RunningBuild[]>;
  /** Every tagset that has results for the package, each in canonical order. */
  getTagsetsForPackage(packageName: string): Promise<string[][]>;
  /** The newest result whose tagset equals the given set, or undefined. */
  getLastResultForTagset(packageName: string, tagset: string[]): Promise<StoredTriple | undefined>;
  /** Every package with the newest result of each of its tagsets. */
  listPackages(): Promise<PackageSummary[]>;
  /** How many results are stored. */
  countResults(): Promise<number>;

  // Queries: pages.
  /** Every tagset's latest result, with its build state. */
  getDashboard(): Promise<Dashboard>;
  /** Each tagset of the package with its latest result, streak and recent outcomes. */
  getPackageHistory(packageName: string, options?: { recentLength?: number }): Promise<TagsetHistory[]>;
  /** A page of the package's results, newest first, filtered by tags, host, arch and outcome. */
  listPackageResults(packageName: string, options?: PackageResultsOptions): Promise<PackageResultsPage>;
  /** Everything a result's page shows (the result and its stored tagset, tests, neighbours, visible files), its row read once. */
  getResultPage(resultKey: number, options?: ResultTestsOptions): Promise<ResultPage | undefined>;
  /** The previous and next result of the same tagset; undefined for an unknown result. */
  findNeighbourResults(resultKey: number): Promise<NeighbourResults | undefined>;
  /** The package's tagsets that the selector names, newest latest result first. */
  findTagsets(packageName: string, selector: TagsetSelector): Promise<TagsetSummary[]>;
  /** Every configured expected builder with its state now (ok, stale or missing), in configuration order. */
  listExpectedBuilders(): Promise<ExpectedBuilderStatus[]>;

  // Queries: tests.
  /** A result's test cases with their long texts, failing first; undefined for an unknown result. */
  listTestCases(resultKey: number): Promise<TestCaseDetail[] | undefined>;
  /** New failures, fixed and still-failing tests since the tagset's previous result. */
  compareTestsWithPrevious(resultKey: number): Promise<TestComparison | undefined>;
  /** A result's cases with their changes, flakiness and recent history in the tagset. */
  getResultTests(resultKey: number, options?: ResultTestsOptions): Promise<ResultTests | undefined>;
  /** One test's outcomes across every tagset of a package, newest first, a page at a time. */
  getTestHistory(packageName: string, options: TestHistoryOptions): Promise<TestHistory>;

  // Queries: files.
  /** True when some result was stored with this auth_key. */
  isAuthKeyKnown(authKey: string): Promise<boolean>;
  /** A result's files, the hidden ones only when asked. */
  listUploads(resultKey: number, options?: { includeHidden?: boolean }): Promise<UploadRecord[]>;
  /** One file with its content (null once evicted), or undefined. */
  getUpload(resultKey: number, uploadId: number): Promise<UploadWithContent | undefined>;

  // Notifications.
  /** Recent deliveries of the queue (webhooks, commit statuses, e-mail), newest first. */
  listDeliveries(query: DeliveryQuery): Promise<DeliveryRecord[]>;

  // Limiting requests.
  /** Request counts every server instance sharing the store adds to; null where this process serves the store alone. */
  readonly sharedRequestCounts: SharedRequestCounts | null;

  // Following live builds.
  /** Hears of every change made to one result (steps, output, its end), here or on another server sharing the store; the answer stops it. */
  followResult(resultKey: number, follower: LiveFollower): () => void;
  /** Ends every follower, so that open event streams close before the server does. */
  endFollowers(): void;

  /** Throws what went wrong when the store cannot be read; a cheap read, for health checks. */
  checkHealth(): Promise<void>;
  /** The coordinator's clock, in Unix seconds. */
  now(): number;
  /** Stops removals between two batches, waits for the one in hand, then closes the store. */
  close(): Promise<void>;
}

/** The expected-builder query on its own, for code that only judges freshness. */
export type ExpectedBuilderQueries = Pick<Coordinator, 'listExpectedBuilders'>;

/** The removal commands on their own: retention and the admin commands. */
export type RemovalOperations = Pick<Coordinator, 'pruneResults' | 'removeResult' | 'flushTagset'>;

// The server's public API.
export { startServer, type RunningServer } from './start-server.ts';
export { createApp } from './app.ts';
export { BASE_PATH_EXPECTED, resolveBasePath } from './http/base-path.ts';
export { createCoordinator } from './coordinator/create-coordinator.ts';
export { openSqliteStore } from './store/sqlite-store.ts';
export { openStore, describeDatabase, DatabaseUnavailableError } from './store/open-store.ts';
export { openPostgresStore } from './store/postgres-store.ts';
export { SchemaVersionError } from './store/sqlite-schema.ts';
export {
  AmbiguousTagsetError,
  InvalidFieldError,
  UnknownAuthKeyError,
  UnknownResultError,
  UnknownTagsetError,
} from './errors/domain-errors.ts';
export {
  AnonymousCapError,
  DuplicateTokenNameError,
  MalformedAuthorizationError,
  MissingClientTokenError,
  RevokedClientTokenError,
  TokenScopeError,
  UnknownTokenNameError,
  WrongClientTokenError,
} from './errors/auth-errors.ts';
export { BuildFinishedError, ResultRunningError, TagsetChangedError, UnknownUpdateTokenError } from './errors/live-build-errors.ts';
export { UnknownAdminError, WeakPasswordError, WrongSignInError } from './admin/admin-errors.ts';
export type { AdminRecord } from './store/admin-types.ts';
export type { PutAdminAnswer } from './commands/admins.ts';
export type { AdminSession, NewAdminSession } from './admin/sessions.ts';
export { parseServerConfig } from './config/parse-server-config.ts';
export { parseDuration } from './config/parse-duration.ts';
export { parseByteSize } from './config/parse-byte-size.ts';
export { readAuthMode } from './config/parse-auth-policy.ts';
export { readServerConfigFile } from './config/read-server-config.ts';
export { ServerConfigError } from './config/server-config-error.ts';
export { AUTH_MODES, DEFAULT_ANONYMOUS_BYTES_PER_DAY } from './config/types.ts';
export type { AuthMode, AuthPolicy, ExpectedBuilder, LivePolicy, RetentionPolicy, ServerConfig } from './config/types.ts';
export { buildTagset, getVisibleTags, makeTagsetKey, type BuildIdentity } from '../wire/tagset.ts';
export type { TestCounts } from '../wire/types.ts';
export {
  DEFAULT_DB,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  ServerOptionError,
  type AppOptions,
  type ServerOptions,
} from './options.ts';
export type { Coordinator, CoordinatorOptions, ExpectedBuilderQueries, RemovalOperations } from './coordinator/types.ts';
export type { AddedResult } from './commands/add-results.ts';
export type { NewClientToken, RevokedClientToken } from './commands/client-tokens.ts';
export type { Credentials, Writer, WriteRequest, WriteTarget } from './auth/types.ts';
export type { ClientTokenRecord, ClientTokenScope } from './store/client-token-types.ts';
export type { OutputInput } from './commands/update-live-build.ts';
export type { LiveResult, RunningBuild } from './queries/live-results.ts';
export type { LiveBuildKeys, ResultState, RunningStepRecord } from './store/live-types.ts';
export type { UploadInput } from './commands/add-upload.ts';
export type { ShouldBuildOptions } from './commands/check-should-build.ts';
export type { FlushedTagset, PruneSummary, RemovedResult } from './commands/removal-types.ts';
export type {
  ExpectedBuilderState,
  ExpectedBuilderStatus,
  ExpectedResult,
  ExpectedTagsetStatus,
} from './queries/expected-types.ts';
export type {
  Dashboard,
  DashboardTagset,
  FirstBuild,
  NeighbourResults,
  PackageResult,
  PackageResultsOptions,
  PackageResultsPage,
  ResultDetail,
  ResultPage,
  TagsetHistory,
} from './queries/page-types.ts';
export type { StoredTriple } from './queries/result.ts';
export type { PackageSummary, ResultSummary, TagsetSummary } from './queries/summary-types.ts';
export type {
  ResultTestCase,
  ResultTests,
  ResultTestsOptions,
  TestComparison,
  TestHistory,
  TestHistoryEntry,
  TestHistoryOptions,
  TestHistoryPoint,
  TestStepReport,
} from './queries/test-types.ts';
export type { TagsetSelector } from './rules/select-tagsets.ts';
export type { ShouldBuildAnswer } from './rules/should-build.ts';
export type { OutcomePoint, ResultOutcome, Streak } from './rules/summarize-outcomes.ts';
export type { TestCaseDetail, TestStatus } from './store/test-case-types.ts';
export type { Store, UploadRecord, UploadWithContent } from './store/types.ts';
export type { TestChange } from './test-outcomes/compare-outcomes.ts';
export type { TestIdentity } from './test-outcomes/types.ts';

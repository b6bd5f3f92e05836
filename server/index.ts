// The server's public API.
export { startServer, type RunningServer } from './start-server.ts';
export { createApp } from './app.ts';
export { createCoordinator } from './coordinator/create-coordinator.ts';
export { openSqliteStore } from './store/sqlite-store.ts';
export { SchemaVersionError } from './store/sqlite-schema.ts';
export {
  AmbiguousTagsetError,
  InvalidFieldError,
  UnknownAuthKeyError,
  UnknownResultError,
  UnknownTagsetError,
} from './coordinator/errors.ts';
export { parseServerConfig } from './config/parse-server-config.ts';
export { parseDuration } from './config/parse-duration.ts';
export { readServerConfigFile } from './config/read-server-config.ts';
export { ServerConfigError } from './config/server-config-error.ts';
export type { ExpectedBuilder, RetentionPolicy, ServerConfig } from './config/types.ts';
export type {
  ExpectedBuilderQueries,
  ExpectedBuilderState,
  ExpectedBuilderStatus,
  ExpectedResult,
  ExpectedTagsetStatus,
} from './coordinator/expected-types.ts';
export type { FlushedTagset, PruneSummary, RemovalOperations, RemovedResult } from './coordinator/removal-types.ts';
export { buildTagset, getVisibleTags, makeTagsetKey, type BuildIdentity } from '../wire/tagset.ts';
export {
  DEFAULT_DB,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  ServerOptionError,
  type AppOptions,
  type ServerOptions,
} from './options.ts';
export type {
  AddedResult,
  Coordinator,
  CoordinatorOptions,
  PackageSummary,
  ResultSummary,
  ResultTestCase,
  ResultTests,
  ResultTestsOptions,
  ShouldBuildAnswer,
  ShouldBuildOptions,
  StoredTriple,
  TagsetSummary,
  TestCaseDetail,
  TestChange,
  TestComparison,
  TestCounts,
  TestHistory,
  TestHistoryEntry,
  TestHistoryOptions,
  TestHistoryPoint,
  TestIdentity,
  TestStatus,
  TestStepReport,
  UploadInput,
  UploadRecord,
  UploadWithContent,
} from './coordinator/types.ts';
export type { Store } from './store/types.ts';
export type {
  Dashboard,
  DashboardTagset,
  NeighbourResults,
  OutcomePoint,
  PackageResult,
  PackageResultsOptions,
  PackageResultsPage,
  ResultOutcome,
  Streak,
  TagsetHistory,
  TagsetSelector,
} from './coordinator/page-types.ts';

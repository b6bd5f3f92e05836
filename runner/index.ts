// The public surface of the client library; behaviour lives in the folders.
export type * from '../wire/types.ts';
export type * from './events.ts';
export type { BuildContext, ContextScope, RunStepOptions } from './context.ts';
export { ContextError } from './context.ts';
export {
  build,
  commandStep,
  describeCommand,
  functionStep,
  packageStep,
  setup,
  test,
  type CommandStepOptions,
  type FunctionStepTools,
  type StepOptions,
  type StepSpec,
} from './steps/step-spec.ts';
export { RecipeError } from './steps/validate-steps.ts';
export { CommandReadError, getOutputTail, readCommandOutput, type ReadCommandOptions } from './exec/index.ts';
export { runBuild, type BuildOutcome, type BuildPlan } from './run/run-build.ts';
export type { RunEventConsumer } from './run/event-bus.ts';
export { createResultDelivery, type DeliveryOutcome, type ResultDelivery } from './run/result-delivery.ts';
export { createConsoleReporter, type ConsoleReporterOptions } from './console/console-reporter.ts';
export { runRecipe, exitCodes, type Recipe } from './recipe/run-recipe.ts';
export { parseRecipeOptions, getRecipeHelp, type RecipeOptions } from './recipe/options.ts';
export { parseServerUrl, type ServerAddress } from './transport/server-url.ts';
export { CLIENT_TOKEN_VARIABLE, ClientTokenError, pickClientToken, type ClientToken } from './transport/client-token.ts';
export { checkShouldBuild, sendResults, type SentResult, type ShouldBuildAnswer } from './transport/server-calls.ts';
export { createServerReporter, type ServerReporterOptions } from './transport/server-reporter.ts';
export { createLiveReporter, noLiveBuildsMessage, type LiveOutcome, type LiveReporter, type LiveReporterOptions } from './transport/live-reporter.ts';
export { createServerCall, type ServerCall } from './transport/live-calls.ts';
export { getSpoolDirectory } from './spool/spool-directory.ts';
export { sendSpooledResults, type SpoolSendOptions, type SpoolSendReport } from './spool/send-spooled-results.ts';
export { readResultFile, toResultDocument, writeResultFile, type ResultDocument } from './result-file/result-file.ts';
export { createResultFileWriter } from './result-file/result-file-writer.ts';
export { isBuildSuccessful, getStepState, worstStepState } from './results/outcome.ts';
export { parseJunitFile, parseJunitStream } from './test-reports/junit/parse-junit.ts';
export { parseTapFile, parseTapStream } from './test-reports/tap/parse-tap.ts';
export { TapParser } from './test-reports/tap/tap-parser.ts';
export { parseNodeTestEventsFile } from './test-reports/node-test/read-node-test-events.ts';
export { nodeTestReporterPath } from './test-reports/node-test-reporter-path.ts';
export { nodeTestEventsVariable, nodeTestReporterVariable } from './test-reports/collect-step-report.ts';
export { TestReport, type ParsedTestCase } from './test-reports/test-report.ts';
export type { TestReportOption } from './test-reports/test-report-option.ts';
export { countTestCases } from './test-reports/count-test-cases.ts';
export { describeMismatch } from './test-reports/describe-mismatch.ts';
export { readTestReportFile, detectReportFormat, reportFormats, type ReportFormat, TestReportFileError } from './test-reports/read-report-file.ts';
export { buildTestReportResult, type ReportedFile, type TestReportResultOptions } from './test-reports/build-test-report-result.ts';

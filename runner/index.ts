// The public surface of the client library; behaviour lives in the folders.
export type * from './types.ts';
export type { BuildContext, ContextScope } from './context.ts';
export { ContextError } from './context.ts';
export {
  build,
  commandStep,
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
export { runBuild, type BuildOutcome, type BuildPlan } from './run/run-build.ts';
export type { RunEventConsumer } from './run/event-bus.ts';
export { createConsoleReporter, type ConsoleReporterOptions } from './console/console-reporter.ts';
export { runRecipe, exitCodes, type Recipe } from './recipe/run-recipe.ts';
export { parseRecipeOptions, getRecipeHelp, type RecipeOptions } from './recipe/options.ts';
export { parseServerUrl, type ServerAddress } from './report/server-url.ts';
export { checkShouldBuild, sendResults, type SentResult, type ShouldBuildAnswer } from './report/server-calls.ts';
export { readResultFile, writeResultFile, type ResultDocument } from './report/result-file.ts';
export { isBuildSuccessful, getStepState, worstStepState } from './results/outcome.ts';
export { parseJunitFile, parseJunitStream } from './testing/junit/parse-junit.ts';
export { parseTapFile, parseTapStream } from './testing/tap/parse-tap.ts';
export { TapParser } from './testing/tap/tap-parser.ts';
export { parseNodeTestEventsFile } from './testing/node-test/read-node-test-events.ts';
export { nodeTestReporterPath } from './testing/node-test-reporter-path.ts';
export { nodeTestEventsVariable } from './testing/collect-step-report.ts';
export { TestReport, type ParsedTestCase } from './testing/test-report.ts';
export type { TestReportOption } from './testing/test-report-option.ts';
export { countTestCases } from './testing/count-test-cases.ts';
export { describeMismatch } from './testing/describe-mismatch.ts';
export { readTestReportFile, detectReportFormat, reportFormats, type ReportFormat, TestReportFileError } from './testing/read-report-file.ts';
export { buildTestReportResult, type ReportedFile, type TestReportResultOptions } from './testing/build-test-report-result.ts';

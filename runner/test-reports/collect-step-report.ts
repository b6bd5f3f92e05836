// Gathers a step's test report around its command: TAP from the live stdout,
// node:test events through a temp file named in the step's environment, JUnit
// files found after the command ended. Never throws: whatever goes wrong
// becomes a warning on the step, and the cases read so far are kept.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { OutputStream } from '../../wire/types.ts';
import type { StepEnding } from './describe-mismatch.ts';
import { findJunitFiles } from './junit/find-junit-files.ts';
import { parseJunitFile } from './junit/parse-junit.ts';
import { parseNodeTestEventsFile } from './node-test/read-node-test-events.ts';
import { TapParser } from './tap/tap-parser.ts';
import { TestReport } from './test-report.ts';
import { nodeTestReporterPath } from './node-test-reporter-path.ts';
import type { TestReportOption } from './test-report-option.ts';
import { toStepFields, type TestReportFields } from './to-step-fields.ts';

/** The environment variable naming the file node-test-reporter.mjs should write to. */
export const nodeTestEventsVariable = 'PONY_BUILD_NODE_TEST_EVENTS';
/**
 * The environment variable holding the reporter's absolute path. A step runs in a checkout
 * that need not have pony-build installed, where `pony-build/node-test-reporter` cannot be
 * resolved; the path always can.
 */
export const nodeTestReporterVariable = 'PONY_BUILD_NODE_TEST_REPORTER';

export interface StepReportCollector {
  /** Variables to add to the step's environment. */
  env: Record<string, string>;
  /** Sees the step's output as it arrives. */
  onOutput: (stream: OutputStream, text: string) => void;
  /** Called once the command ended; removes anything it created. */
  finish: (ending: StepEnding) => Promise<TestReportFields>;
}

export async function startStepReport(option: TestReportOption, cwd: string): Promise<StepReportCollector> {
  const startedAtMs = Date.now();
  if ('tap' in option) {
    const parser = new TapParser('stdout');
    return {
      env: {},
      onOutput: (stream, text) => {
        if (stream === 'output') parser.write(text);
      },
      finish: async (ending) => toStepFields(parser.end(), ending),
    };
  }
  if ('nodeTest' in option) {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'pony-node-test-'));
    const file = path.join(directory, 'events.jsonl');
    return {
      env: { [nodeTestEventsVariable]: file, [nodeTestReporterVariable]: nodeTestReporterPath },
      onOutput: () => {},
      finish: async (ending) => {
        try {
          return toStepFields(await readNodeTestEvents(file), ending);
        } finally {
          await rm(directory, { recursive: true, force: true });
        }
      },
    };
  }
  const patterns = Array.isArray(option.junit) ? option.junit : [option.junit];
  return {
    env: {},
    onOutput: () => {},
    finish: async (ending) => toStepFields(await readJunitReports(patterns, cwd, startedAtMs), ending),
  };
}

async function readNodeTestEvents(file: string): Promise<TestReport> {
  try {
    return await parseNodeTestEventsFile(file, 'node:test events');
  } catch (error) {
    const report = new TestReport();
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    report.warn(
      missing
        ? `the node:test reporter wrote nothing; run node with \`--test-reporter="$${nodeTestReporterVariable}" --test-reporter-destination="$${nodeTestEventsVariable}"\``
        : `could not read the node:test events: ${(error as Error).message}`,
    );
    return report;
  }
}

async function readJunitReports(patterns: string[], cwd: string, startedAtMs: number): Promise<TestReport> {
  const report = new TestReport();
  let files: string[] = [];
  try {
    files = await findJunitFiles(patterns, cwd, startedAtMs, report);
  } catch (error) {
    report.warn(`could not look for JUnit reports in ${cwd}: ${(error as Error).message}`);
  }
  for (const file of files) {
    const label = path.relative(cwd, file) || file;
    try {
      report.merge(await parseJunitFile(file, label));
    } catch (error) {
      report.warn(`${label}: could not read the JUnit report: ${(error as Error).message}`);
    }
  }
  return report;
}

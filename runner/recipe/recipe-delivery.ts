// Where a recipe's result goes, and what the recipe says of it afterwards: a local run keeps
// it in a file; a reported run sends it to the server, live by default (docs/PROTOCOL.md,
// "Live builds"), or whole at the end. A server that could not answer gets it later from
// the spool; one that refused it leaves it in a file with the command that sends it again.
import { createEventBus, type RunEventConsumer } from '../run/event-bus.ts';
import type { DeliveryOutcome } from '../run/result-delivery.ts';
import type { BuildOutcome } from '../run/run-build.ts';
import { createResultFileWriter } from '../result-file/result-file-writer.ts';
import { toResultDocument, writeResultFile } from '../result-file/result-file.ts';
import { writeSpoolEntry } from '../spool/spool-entry.ts';
import { createArtifactUploader, type ArtifactUploadReport } from '../transport/artifact-uploader.ts';
import { createServerCall } from '../transport/live-calls.ts';
import { createLiveReporter } from '../transport/live-reporter.ts';
import { sendResults, describeStoredResult, type SentResult } from '../transport/server-calls.ts';
import { createServerReporter } from '../transport/server-reporter.ts';
import { isServerUnavailable } from '../transport/server-unavailable.ts';
import { hidePassword, type ServerAddress } from '../transport/server-url.ts';
import { failDelivery } from './exit-codes.ts';

export interface RecipeDelivery {
  /** Passed to runBuild beside the terminal's consumer. */
  readonly consume: RunEventConsumer;
  /** Called once the steps are sure to run (change detection passed), before the first of them. */
  beforeSteps(): void;
  /** Prints what came of the delivery once a build that ran its steps has ended; returns the exit status. */
  tell(outcome: BuildOutcome, buildCode: number): Promise<number>;
}

export interface ReportOptions {
  /** The server URL as the command line gave it, for the "send it later" hint. */
  report: string;
  resultsDir: string;
  spoolDirectory: string;
  /** Report steps and output as the build runs (begin_build ... finish_build), else one add_results at the end. */
  live: boolean;
  /** Begin the live build only at beforeSteps(), as change detection may still skip the steps. */
  holdBegin: boolean;
  /** The build's capture bound, which also bounds live output. */
  captureBytes?: number;
  debug: (text: string) => void;
  /** With --debug, a failure to report also prints its stack. */
  showStack: boolean;
}

/** What came of sending: the receipt, or the failure and the live build's token if one was begun. */
type Sending = DeliveryOutcome<SentResult> & { updateToken?: string };

export function keepResultLocally(resultsDir: string): RecipeDelivery {
  const writer = createResultFileWriter(resultsDir);
  return {
    consume: writer.consume,
    beforeSteps: () => undefined,
    tell: async (_outcome, buildCode) => {
      const written = writer.outcome!;
      if ('failed' in written) {
        process.stderr.write(`pony-build: could not write the result: ${written.failed.message}\n`);
        return failDelivery(buildCode);
      }
      process.stdout.write(`Result written to ${written.delivered}\n`);
      return buildCode;
    },
  };
}

export function reportResult(server: ServerAddress, options: ReportOptions): RecipeDelivery {
  const sender = options.live ? sendLive(server, options) : sendWhole(server, options);
  const artifacts = createArtifactUploader();
  return {
    consume: createEventBus([sender.consume, artifacts.consume]),
    beforeSteps: sender.beforeSteps,
    tell: async (outcome, buildCode) => {
      const sent = await sender.finish(outcome);
      if ('delivered' in sent) {
        process.stdout.write(`Result reported: ${sent.delivered.url}\n`);
        tellArtifactUploads(await artifacts.upload(server, sent.delivered));
        return buildCode;
      }
      const notUploaded = await artifacts.discard();
      if (notUploaded > 0) {
        process.stderr.write(`pony-build: the artifacts (${countFiles(notUploaded)}) were not uploaded: the server did not store the result\n`);
      }
      const where = await keepUndelivered(server, outcome, sent, options);
      process.stderr.write(`pony-build: could not report the result: ${sent.failed.message}\n${where}`);
      if (options.showStack) {
        process.stderr.write(`${sent.failed.stack}\n`);
      }
      return failDelivery(buildCode);
    },
  };
}

// The result is stored whatever came of its files, so a failed upload is said but leaves the exit status alone.
function tellArtifactUploads(report: ArtifactUploadReport): void {
  if (report.uploaded.length > 0) {
    const bytes = report.uploaded.reduce((total, artifact) => total + artifact.size, 0);
    process.stdout.write(`Artifacts uploaded: ${countFiles(report.uploaded.length)}, ${bytes} bytes\n`);
  }
  for (const failure of report.failed) {
    process.stderr.write(`pony-build: could not upload the artifact ${failure.name}: ${failure.problem}\n`);
  }
}

function countFiles(count: number): string {
  return `${count} ${count === 1 ? 'file' : 'files'}`;
}

interface Sender {
  consume: RunEventConsumer;
  beforeSteps(): void;
  finish(outcome: BuildOutcome): Promise<Sending>;
}

function sendWhole(server: ServerAddress, options: ReportOptions): Sender {
  const reporter = createServerReporter(server, { debug: options.debug });
  return { consume: reporter.consume, beforeSteps: () => undefined, finish: async () => reporter.outcome! };
}

function sendLive(server: ServerAddress, options: ReportOptions): Sender {
  const reporter = createLiveReporter(createServerCall(server), { holdBegin: options.holdBegin, captureBytes: options.captureBytes, debug: options.debug });
  options.debug(`reporting live to ${hidePassword(server.xmlrpcUrl)}`);
  return {
    consume: reporter.consume,
    beforeSteps: () => reporter.releaseBegin(),
    finish: async (outcome) => {
      const live = await reporter.settle();
      if ('finished' in live) {
        return { delivered: describeStoredResult(server, live.finished.resultKey, live.finished.authKey) };
      }
      if ('failed' in live && live.updateToken !== undefined) {
        return { failed: live.failed, updateToken: live.updateToken };
      }
      // No live build on the server (it has none, or never answered begin_build): the whole result in one call.
      options.debug(`add_results to ${hidePassword(server.xmlrpcUrl)}`);
      try {
        return { delivered: await sendResults(server, outcome.clientInfo, outcome.results) };
      } catch (error) {
        return { failed: error instanceof Error ? error : new Error(String(error)) };
      }
    },
  };
}

/**
 * Nothing is lost: a server that could not answer gets the result from the spool later; one
 * that refused it, from a file. Answers the lines that say where the result is.
 */
async function keepUndelivered(server: ServerAddress, outcome: BuildOutcome, sent: Sending, options: ReportOptions): Promise<string> {
  let spoolProblem = '';
  if ('failed' in sent && isServerUnavailable(sent.failed)) {
    try {
      const file = await writeSpoolEntry(options.spoolDirectory, {
        server: server.webUrl,
        client_info: outcome.clientInfo,
        results_list: outcome.results,
        ...(sent.updateToken === undefined ? {} : { update_token: sent.updateToken }),
      });
      return (
        `The result is spooled in ${file}; the next run reporting to ${server.webUrl} sends it first, or send it now with:\n` +
        `  npx pony-build send --spool --report ${hidePassword(options.report)}\n`
      );
    } catch (error) {
      spoolProblem = `pony-build: could not spool the result: ${(error as Error).message}\n`;
    }
  }
  const file = await writeResultFile(options.resultsDir, toResultDocument(outcome));
  return `${spoolProblem}The result is kept in ${file}; send it later with:\n  npx pony-build send ${file} --report ${hidePassword(options.report)}\n`;
}

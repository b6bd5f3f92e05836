// Where a recipe's result goes, and what the recipe says of it afterwards: a local
// run keeps it in a file; a reported run sends it to the server and, when the server
// cannot take it, keeps it in a file with the command that sends it later.
import type { RunEventConsumer } from '../run/event-bus.ts';
import type { BuildOutcome } from '../run/run-build.ts';
import { createResultFileWriter } from '../result-file/result-file-writer.ts';
import { toResultDocument, writeResultFile } from '../result-file/result-file.ts';
import { createServerReporter } from '../transport/server-reporter.ts';
import { hidePassword, type ServerAddress } from '../transport/server-url.ts';
import { failDelivery } from './exit-codes.ts';

export interface RecipeDelivery {
  /** Passed to runBuild beside the terminal's consumer. */
  readonly consume: RunEventConsumer;
  /** Prints what came of the delivery once a build that ran its steps has ended; returns the exit status. */
  tell(outcome: BuildOutcome, buildCode: number): Promise<number>;
}

export interface ReportOptions {
  /** The server URL as the command line gave it, for the "send it later" hint. */
  report: string;
  resultsDir: string;
  debug: (text: string) => void;
  /** With --debug, a failure to report also prints its stack. */
  showStack: boolean;
}

export function keepResultLocally(resultsDir: string): RecipeDelivery {
  const writer = createResultFileWriter(resultsDir);
  return {
    consume: writer.consume,
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
  const reporter = createServerReporter(server, { debug: options.debug });
  return {
    consume: reporter.consume,
    tell: async (outcome, buildCode) => {
      const sent = reporter.outcome!;
      if ('delivered' in sent) {
        process.stdout.write(`Result reported: ${sent.delivered.url}\n`);
        return buildCode;
      }
      // Nothing is lost: the result stays on disk and can be sent later.
      const file = await writeResultFile(options.resultsDir, toResultDocument(outcome));
      process.stderr.write(
        `pony-build: could not report the result: ${sent.failed.message}\n` +
          `The result is kept in ${file}; send it later with:\n  npx pony-build send ${file} --report ${hidePassword(options.report)}\n`,
      );
      if (options.showStack) {
        process.stderr.write(`${sent.failed.stack}\n`);
      }
      return failDelivery(buildCode);
    },
  };
}

// What a recipe file calls: parse the command line, send what the spool holds for the
// server, ask it whether to build, then run with the terminal and the result's delivery
// (file or server) as consumers of the run's events, and set the exit status.
import path from 'node:path';
import { createConsoleReporter } from '../console/console-reporter.ts';
import { getHostName, getPlatformName } from '../host-info.ts';
import { checkShouldBuild, getLastResultForTagset, releaseBuild, type ShouldBuildAnswer } from '../transport/server-calls.ts';
import type { ClientInfo } from '../../wire/types.ts';
import { buildTagset } from '../../wire/tagset.ts';
import type { WireStruct } from '../../wire/types.ts';
import { hidePassword, parseServerUrl, type ServerAddress } from '../transport/server-url.ts';
import { runBuild, type BuildPlan } from '../run/run-build.ts';
import { watchForInterrupts } from '../run/interrupt.ts';
import { RecipeError } from '../steps/validate-steps.ts';
import { getSpoolDirectory } from '../spool/spool-directory.ts';
import { sendSpooledResults } from '../spool/send-spooled-results.ts';
import { exitCodes } from './exit-codes.ts';
import { getRecipeHelp, parseRecipeOptions, RecipeOptionsError, type RecipeOptions } from './options.ts';
import { keepResultLocally, reportResult } from './recipe-delivery.ts';

export { exitCodes } from './exit-codes.ts';

export type Recipe = Omit<BuildPlan, 'consumers' | 'signal' | 'keep' | 'keepGoing' | 'logDir'> & {
  /** Run every step even after a failure (the command line's --keep-going also sets it). */
  keepGoing?: boolean;
};

/** check_should_build's reason when someone asked for this build (docs/PROTOCOL.md, "check_should_build", rule 1). */
const buildRequestedReason = 'build requested';

export async function runRecipe(recipe: Recipe, argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const exitCode = await runRecipeCommand(recipe, argv);
  process.exitCode = exitCode;
  return exitCode;
}

async function runRecipeCommand(recipe: Recipe, argv: readonly string[]): Promise<number> {
  const command = `tsx ${path.relative(process.cwd(), process.argv[1] ?? 'recipe.ts') || 'recipe.ts'}`;
  let options: RecipeOptions;
  let server: ServerAddress | undefined;
  try {
    options = parseRecipeOptions(argv);
    server = options.report && !options.noReport ? parseServerUrl(options.report, options.token) : undefined;
  } catch (error) {
    if (error instanceof RecipeOptionsError || error instanceof Error) {
      process.stderr.write(`pony-build: ${error.message}\nRun \`${command} --help\` for the options.\n`);
      return exitCodes.usage;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(getRecipeHelp(command));
    return exitCodes.success;
  }
  const tags = [...new Set([...(recipe.tags ?? []), ...options.tags])];
  const debug = (text: string) => options.debug && process.stderr.write(`[debug] ${text}\n`);

  if (server) {
    // Results an earlier run could not deliver arrive before this one's.
    await sendSpoolFirst(server);
  }
  const identity: ClientInfo = { package: recipe.package, host: getHostName(), arch: getPlatformName(), success: false, tags };
  if (server && !options.forceBuild) {
    const revision = await readUpstreamRevision(recipe, debug);
    if (revision !== undefined) {
      identity.revision = revision;
    }
  }
  const answer = server && !options.forceBuild ? await askWhetherToBuild(server, identity, debug) : undefined;
  if (answer?.build === false) {
    process.stdout.write(`pony-build: not building ${recipe.package}: the server says "${answer.reason}" (use --force-build to build anyway)\n`);
    return exitCodes.success;
  }
  // A build someone asked for is built even at a revision the server has seen.
  const changeServer = server && !options.forceBuild && answer?.reason !== buildRequestedReason ? server : undefined;
  const delivery = server
    ? reportResult(server, {
        report: options.report!,
        resultsDir: options.resultsDir,
        spoolDirectory: getSpoolDirectory(),
        live: !options.noLive,
        holdBegin: changeServer !== undefined,
        captureBytes: recipe.captureBytes,
        debug,
        showStack: options.debug,
      })
    : keepResultLocally(options.resultsDir);

  const interrupts = watchForInterrupts((signalName) =>
    process.stderr.write(`\npony-build: ${signalName} received; stopping the build (again to quit at once)\n`),
  );
  let outcome;
  try {
    outcome = await runBuild({
      ...recipe,
      tags,
      keep: options.keepTemp,
      keepGoing: recipe.keepGoing || options.keepGoing,
      logDir: options.logDir && path.resolve(options.logDir),
      signal: interrupts.signal,
      consumers: [createConsoleReporter({ verbose: options.verbose }), delivery.consume],
      checkBeforeSteps: async (scope) => {
        const skipReason = changeServer && (await findAlreadyBuiltRevision(changeServer, identity, scope.info, debug));
        if (skipReason === undefined) {
          delivery.beforeSteps();
        }
        return skipReason;
      },
    });
  } catch (error) {
    if (error instanceof RecipeError) {
      process.stderr.write(`pony-build: ${error.message}\n`);
      return exitCodes.usage;
    }
    throw error;
  } finally {
    interrupts.dispose();
  }
  if (outcome.skipReason !== undefined) {
    process.stdout.write(`pony-build: not building ${recipe.package}: ${outcome.skipReason} (use --force-build to build anyway)\n`);
    if (answer?.build && changeServer) {
      await giveBackReservation(changeServer, identity, debug);
    }
    return exitCodes.success;
  }
  const buildCode = outcome.interrupted ? exitCodes.interrupted : outcome.clientInfo.success ? exitCodes.success : exitCodes.buildFailed;
  return delivery.tell(outcome, buildCode);
}

/** Sends this server's spooled results; a spool that cannot be read does not stop the build. */
async function sendSpoolFirst(server: ServerAddress): Promise<void> {
  const directory = getSpoolDirectory();
  try {
    await sendSpooledResults(directory, {
      server,
      print: (line) => process.stdout.write(`${line}\n`),
      warn: (line) => process.stderr.write(`${line}\n`),
    });
  } catch (error) {
    process.stderr.write(`pony-build: could not send the spooled results in ${directory}: ${(error as Error).message}\n`);
  }
}

/**
 * The revision the build's first checkout would check out, asked of its repository before
 * anything is cloned, so the server can say whether it is new (docs/PROTOCOL.md,
 * "check_should_build", the new-revision rule). Undefined without a checkout or an answer.
 */
async function readUpstreamRevision(recipe: Recipe, debug: (text: string) => void): Promise<string | undefined> {
  const checkout = recipe.contexts?.find((context) => context.readUpstreamRevision !== undefined);
  if (checkout === undefined) {
    return undefined;
  }
  try {
    const revision = await checkout.readUpstreamRevision!({ ...process.env, ...recipe.env }, new AbortController().signal);
    debug(`the ${checkout.name} would check out ${revision ?? 'a revision that cannot be told before checking out'}`);
    return revision;
  } catch (error) {
    process.stderr.write(`pony-build: could not ask the repository for its newest revision (${(error as Error).message}); asking the server without it\n`);
    return undefined;
  }
}

// A reservation kept by a build that did not run would turn away the next commit with
// "may be in build now" for as long as the last build took.
async function giveBackReservation(server: ServerAddress, clientInfo: ClientInfo, debug: (text: string) => void): Promise<void> {
  try {
    debug(`release_build: ${await releaseBuild(server, clientInfo)}`);
  } catch (error) {
    // An original server has no release_build; its reservation simply runs out.
    debug(`release_build failed: ${(error as Error).message}`);
  }
}

/** The server's answer; a server that cannot be asked means build. */
async function askWhetherToBuild(server: ServerAddress, clientInfo: ClientInfo, debug: (text: string) => void): Promise<ShouldBuildAnswer | undefined> {
  try {
    debug(`check_should_build at ${hidePassword(server.xmlrpcUrl)}`);
    const answer = await checkShouldBuild(server, clientInfo);
    debug(`check_should_build answered ${answer.build} (${answer.reason})`);
    return answer;
  } catch (error) {
    process.stderr.write(`pony-build: could not ask the server whether to build (${(error as Error).message}); building anyway\n`);
    return undefined;
  }
}

/**
 * Change detection: when the checkout is at the revision of the last result
 * reported for this tagset, the server already knows how it went.
 */
async function findAlreadyBuiltRevision(
  server: ServerAddress,
  identity: ClientInfo,
  info: WireStruct,
  debug: (text: string) => void,
): Promise<string | undefined> {
  const revision = typeof info.revision === 'string' && info.revision !== '' ? info.revision : undefined;
  if (revision === undefined) {
    return undefined;
  }
  try {
    const last = await getLastResultForTagset(server, identity.package, buildTagset({ ...identity, tags: identity.tags ?? [] }));
    debug(`last result for this tagset: ${last ? `${last.resultKey} at revision ${String(last.clientInfo.revision)}` : 'none'}`);
    return last?.clientInfo.revision === revision ? `revision ${revision} was already reported as result ${last.resultKey}` : undefined;
  } catch (error) {
    process.stderr.write(`pony-build: could not ask the server for the last result (${(error as Error).message}); building anyway\n`);
    return undefined;
  }
}

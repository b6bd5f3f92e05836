// The part every VCS checkout shares: options checked up front, a place claimed in the build
// directory, the VCS-specific work, the report keys, and leaving. A VCS module supplies
// `checkOut`, which brings a directory that does not exist yet to the wanted revision, and
// `readRevision`, which says what a working copy holds.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ContextError, readCommandOutput, type BuildContext, type ContextScope, type StepResult } from '../../runner/index.ts';
import { getCachePath } from './cache-path.ts';
import { claimCheckoutPlace, releaseCheckoutPlace, type CheckoutPlace } from './checkout-place.ts';
import { findOptionProblems, type CheckoutOptions, type OptionCheck } from './checkout-options.ts';
import { deriveDirectoryName } from './directory-name.ts';
import { recordCheckout, recordVersion, type VcsName } from './record-checkout.ts';
import { runCheckoutStep, type CheckoutStepOptions } from './run-checkout-step.ts';

export interface CheckoutRequest<Options extends CheckoutOptions> {
  scope: ContextScope;
  /** For `ContextError`s: `git checkout`. */
  contextName: string;
  options: Options;
  /** Absolute path the checkout goes to; its parent exists, it does not. */
  target: string;
  /** The cached copy of the repository, unless `cache: false`. */
  cachePath?: string;
  /**
   * Runs the step that brings a working copy to its revision (the clone, the update). The
   * revision is read from `workingCopy` (default `target`) before the step's end is
   * announced, so the step carries `version_type` and `version_info` for every consumer, and
   * its name says what was checked out: `git checkout main @ 1a2b3c4`.
   */
  runRevisionStep(command: string[], options?: RevisionStepOptions): Promise<StepResult>;
}

export interface RevisionStepOptions extends Omit<CheckoutStepOptions, 'name'> {
  /** Where the step leaves the working copy whose revision counts, when not `target`. */
  workingCopy?: string;
}

export interface Revision {
  /** What change detection compares: a full commit id, or svn's last changed revision. */
  revision: string;
  /** The original's one-line description, shown by old servers. */
  versionInfo: string;
}

export interface CheckoutDriver<Options extends CheckoutOptions> {
  vcs: VcsName;
  /** The constructor's name as a recipe writes it, for messages: `gitCheckout`. */
  constructorName: string;
  /** Every option the constructor takes, with its check. */
  optionChecks: Readonly<Record<keyof Options & string, OptionCheck>>;
  /** What was asked for, recorded as `ref` in `client_info`. */
  getRequestedRef(options: Options): string | undefined;
  /** What a checkout gets when no ref is asked for, in step names: `default branch`, `HEAD`. */
  defaultRefName: string;
  /** A revision as people quote it in step names: `1a2b3c4`, `r1234`. */
  shortenRevision(revision: string): string;
  /** Makes `request.target`; the step that settles its revision goes through `request.runRevisionStep`. */
  checkOut(request: CheckoutRequest<Options>): Promise<void>;
  /** Reads what the working copy in `directory` holds. */
  readRevision(scope: ContextScope, directory: string): Promise<Revision>;
  /**
   * Asks the repository itself, without a working copy, which revision a checkout would get,
   * in the form `readRevision` gives; undefined when that cannot be told without one.
   */
  readUpstreamRevision(options: Options, read: UpstreamRead): Promise<string | undefined>;
}

/** Runs a short command (with the runner's read timeout), `env` added, and resolves to what it printed. */
export type UpstreamRead = (command: string[], env?: Record<string, string>) => Promise<string>;

interface CheckoutDescription {
  label: string;
  directory: string | undefined;
}

// Lets `findProblems` recognise sibling checkouts without adding fields to BuildContext.
const descriptions = new WeakMap<BuildContext, CheckoutDescription>();

export function createCheckoutContext<Options extends CheckoutOptions>(driver: CheckoutDriver<Options>, options: Options): BuildContext {
  const url = typeof options === 'object' && options !== null && typeof options.url === 'string' ? options.url : undefined;
  const label = `${driver.constructorName}(${url === undefined ? '' : `\`${url}\``})`;
  const optionProblems = findOptionProblems(label, options, driver.optionChecks);
  const directory = optionProblems.length === 0 ? normalizeDirectory(options.directory ?? deriveDirectoryName(url!)) : undefined;
  const contextName = `${driver.vcs} checkout`;
  let place: CheckoutPlace | undefined;
  let previousCwd: string | undefined;
  let checkedOut: Revision | undefined;

  const context: BuildContext = {
    name: contextName,
    findProblems: (contexts) => [...optionProblems, ...findDirectoryClash(context, contexts)],
    async enter(scope) {
      if (optionProblems.length > 0) {
        throw new ContextError(contextName, optionProblems.join('\n'));
      }
      place = await claimCheckoutPlace(scope, contextName, label, directory!);
      try {
        await mkdir(path.dirname(place.directory), { recursive: true });
        const cachePath = options.cache === false ? undefined : getCachePath(scope.env, driver.vcs, url!);
        checkedOut = await checkOutRevision(driver, { scope, contextName, options, target: place.directory, cachePath });
        recordCheckout(scope, {
          vcs: driver.vcs,
          repository: url!,
          revision: checkedOut.revision,
          ref: driver.getRequestedRef(options),
          directory: directory!,
        });
      } catch (error) {
        // A context whose enter fails is never exited, so it cleans up after itself here.
        await releaseCheckoutPlace(scope, place);
        place = undefined;
        throw toContextError(contextName, scope, error);
      }
      previousCwd = scope.cwd;
      scope.cwd = place.directory;
    },
    describe: () => `steps run in ${place?.directory} (${driver.vcs} ${checkedOut?.versionInfo})`,
    readUpstreamRevision: (env, signal) =>
      optionProblems.length > 0
        ? Promise.resolve(undefined)
        : driver.readUpstreamRevision(options, (command, extra) => readCommandOutput(command, { env: { ...env, ...extra }, signal })),
    async exit(scope) {
      scope.cwd = previousCwd ?? scope.cwd;
      if (place !== undefined) {
        await releaseCheckoutPlace(scope, place);
        place = undefined;
      }
    },
  };
  descriptions.set(context, { label, directory });
  return context;
}

// The revision is read inside the revision step, before its end is announced, so that step
// carries `version_type` and `version_info` to every consumer of `step:end`.
async function checkOutRevision<Options extends CheckoutOptions>(
  driver: CheckoutDriver<Options>,
  request: Omit<CheckoutRequest<Options>, 'runRevisionStep'>,
): Promise<Revision> {
  const { scope, contextName, target } = request;
  const read: { revision?: Revision } = {};
  const name = `${driver.vcs} checkout ${driver.getRequestedRef(request.options) ?? driver.defaultRefName}`;
  const runRevisionStep = (command: string[], { workingCopy = target, ...stepOptions }: RevisionStepOptions = {}) =>
    runCheckoutStep(scope, contextName, command, { ...stepOptions, name }, async (step) => {
      read.revision = await driver.readRevision(scope, workingCopy);
      recordVersion(step, driver.vcs, read.revision.versionInfo);
      step.name = `${name} @ ${driver.shortenRevision(read.revision.revision)}`;
    });
  await driver.checkOut({ ...request, runRevisionStep });
  if (read.revision === undefined) {
    throw new Error(`${driver.constructorName} checked out without a revision step, so what it holds is unknown`);
  }
  return read.revision;
}

// Named once, by the later of the two checkouts, so the message appears once and names both.
function findDirectoryClash(self: BuildContext, contexts: readonly BuildContext[]): string[] {
  const own = descriptions.get(self);
  const position = contexts.indexOf(self);
  if (own?.directory === undefined || position === -1) {
    return [];
  }
  const earlier = contexts.slice(0, position).map((context) => descriptions.get(context)).find((other) => other?.directory === own.directory);
  return earlier === undefined
    ? []
    : [`${own.label} and ${earlier.label} both check out into \`${own.directory}\`; give one of them another \`directory\``];
}

function normalizeDirectory(directory: string): string {
  return path.normalize(directory).replace(/[/\\]+$/, '');
}

function toContextError(contextName: string, scope: ContextScope, error: unknown): ContextError {
  if (error instanceof ContextError) {
    return error;
  }
  if (scope.signal.aborted) {
    return new ContextError(contextName, 'interrupted');
  }
  return new ContextError(contextName, error instanceof Error ? error.message : String(error));
}

// The part every VCS checkout shares: options checked up front, a place claimed in the build
// directory, the VCS-specific work, the report keys, and leaving. A VCS module supplies only
// `checkOut`, which brings a directory that does not exist yet to the wanted revision.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ContextError, type BuildContext, type ContextScope } from '../../runner/context.ts';
import type { StepResult } from '../../wire/types.ts';
import { getCachePath } from './cache-path.ts';
import { claimCheckoutPlace, releaseCheckoutPlace, type CheckoutPlace } from './checkout-place.ts';
import { findOptionProblems, type CheckoutOptions, type OptionCheck } from './checkout-options.ts';
import { deriveDirectoryName } from './directory-name.ts';
import { recordCheckout, type VcsName } from './record-checkout.ts';

export interface CheckoutRequest<Options extends CheckoutOptions> {
  scope: ContextScope;
  /** For `ContextError`s: `git checkout`. */
  contextName: string;
  options: Options;
  /** Absolute path the checkout goes to; its parent exists, it does not. */
  target: string;
  /** The cached copy of the repository, unless `cache: false`. */
  cachePath?: string;
}

export interface CheckedOut {
  /** The step that made the working tree; it gets `version_type` and `version_info`. */
  step: StepResult;
  revision: string;
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
  checkOut(request: CheckoutRequest<Options>): Promise<CheckedOut>;
}

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
  let checkedOut: CheckedOut | undefined;

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
        checkedOut = await driver.checkOut({ scope, contextName, options, target: place.directory, cachePath });
        recordCheckout(scope, checkedOut.step, {
          vcs: driver.vcs,
          repository: url!,
          revision: checkedOut.revision,
          versionInfo: checkedOut.versionInfo,
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

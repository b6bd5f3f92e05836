// The original's SvnCheckout, with a cached working copy: `svn checkout` the first time,
// `svn update` afterwards, then a copy into the build directory, so a rebuild transfers only
// what changed and the build never writes into the cache.
import type { BuildContext } from '../runner/context.ts';
import type { StepResult } from '../wire/types.ts';
import { createCacheAtomically, hasMetadata } from './checkout/cached-working-copy.ts';
import { checkBoolean, checkDirectory, checkRevisionName, checkUrl, type CheckoutOptions } from './checkout/checkout-options.ts';
import { createCheckoutContext, type CheckedOut, type CheckoutRequest } from './checkout/create-checkout-context.ts';
import { readCommandOutput } from './checkout/read-command.ts';
import { runCheckoutStep } from './checkout/run-checkout-step.ts';

export interface SvnCheckoutOptions extends CheckoutOptions {
  /** A revision number or anything `svn -r` takes (`HEAD`, `{2026-01-31}`); default HEAD. */
  revision?: number | string;
}

export function svnCheckout(options: SvnCheckoutOptions): BuildContext {
  return createCheckoutContext<SvnCheckoutOptions>(
    {
      vcs: 'svn',
      constructorName: 'svnCheckout',
      optionChecks: { url: checkUrl, revision: checkRevisionName, directory: checkDirectory, cache: checkBoolean },
      getRequestedRef: (given) => (given.revision === undefined ? undefined : String(given.revision)),
      checkOut: checkOutSvn,
    },
    options,
  );
}

async function checkOutSvn(request: CheckoutRequest<SvnCheckoutOptions>): Promise<CheckedOut> {
  const { scope, target, cachePath } = request;
  const step = cachePath === undefined ? await checkOutWorkingCopy(request, target) : await refreshCache(request, cachePath);
  if (cachePath !== undefined) {
    await runCheckoutStep(scope, request.contextName, ['cp', '-a', cachePath, target]);
  }
  const read = { cwd: target, env: { ...scope.env, LC_ALL: 'C' }, signal: scope.signal };
  return {
    step,
    // Last changed, not the working copy's revision: a commit elsewhere in the repository
    // does not change what this checkout holds, so it should not count as a change.
    revision: await readCommandOutput(['svn', 'info', '--show-item', 'last-changed-revision'], read),
    versionInfo: await readCommandOutput(['svnversion'], read),
  };
}

// Without --non-interactive svn would wait for a password nobody will type.
function checkOutWorkingCopy(request: CheckoutRequest<SvnCheckoutOptions>, destination: string): Promise<StepResult> {
  const { options } = request;
  const command = ['svn', 'checkout', '--non-interactive', ...getRevisionArguments(options), '--', options.url, destination];
  return runCheckoutStep(request.scope, request.contextName, command);
}

async function refreshCache(request: CheckoutRequest<SvnCheckoutOptions>, cachePath: string): Promise<StepResult> {
  if (await hasMetadata(cachePath, '.svn')) {
    const command = ['svn', 'update', '--non-interactive', ...getRevisionArguments(request.options)];
    return runCheckoutStep(request.scope, request.contextName, command, { cwd: cachePath });
  }
  let step: StepResult | undefined;
  await createCacheAtomically(cachePath, async (partialPath) => {
    step = await checkOutWorkingCopy(request, partialPath);
  });
  return step!;
}

function getRevisionArguments(options: SvnCheckoutOptions): string[] {
  return options.revision === undefined ? [] : ['-r', String(options.revision)];
}

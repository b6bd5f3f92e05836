// The original's SvnCheckout, with a cached working copy: `svn checkout` the first time,
// `svn update` afterwards, then a copy into the build directory, so a rebuild transfers only
// what changed and the build never writes into the cache.
import { readCommandOutput, type BuildContext, type ContextScope } from '../runner/index.ts';
import { createCacheAtomically, hasMetadata } from './checkout/cached-working-copy.ts';
import { checkBoolean, checkDirectory, checkRevisionName, checkUrl, type CheckoutOptions } from './checkout/checkout-options.ts';
import { createCheckoutContext, type CheckoutRequest, type Revision, type UpstreamRead } from './checkout/create-checkout-context.ts';
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
      defaultRefName: 'HEAD',
      shortenRevision: (revision) => `r${revision}`,
      checkOut: checkOutSvn,
      readRevision: readSvnRevision,
      readUpstreamRevision: readSvnUpstreamRevision,
    },
    options,
  );
}

// With a cache, the step that settles the revision is the one in the cache; the copy into the
// build directory that follows is exact, so the revision read there holds for the copy too.
async function checkOutSvn(request: CheckoutRequest<SvnCheckoutOptions>): Promise<void> {
  const { scope, target, cachePath } = request;
  if (cachePath === undefined) {
    await checkOutWorkingCopy(request, target);
    return;
  }
  await refreshCache(request, cachePath);
  const name = `copy the cached working copy of ${request.options.url}`;
  await runCheckoutStep(scope, request.contextName, ['cp', '-a', cachePath, target], { name });
}

async function readSvnRevision(scope: ContextScope, directory: string): Promise<Revision> {
  const read = { cwd: directory, env: { ...scope.env, LC_ALL: 'C' }, signal: scope.signal };
  return {
    // Last changed, not the working copy's revision: a commit elsewhere in the repository
    // does not change what this checkout holds, so it should not count as a change.
    revision: await readCommandOutput(['svn', 'info', '--show-item', 'last-changed-revision'], read),
    versionInfo: await readCommandOutput(['svnversion'], read),
  };
}

// Without --non-interactive svn would wait for a password nobody will type.
async function checkOutWorkingCopy(request: CheckoutRequest<SvnCheckoutOptions>, destination: string): Promise<void> {
  const { options } = request;
  const command = ['svn', 'checkout', '--non-interactive', ...getRevisionArguments(options), '--', options.url, destination];
  await request.runRevisionStep(command, { workingCopy: destination });
}

async function refreshCache(request: CheckoutRequest<SvnCheckoutOptions>, cachePath: string): Promise<void> {
  if (await hasMetadata(cachePath, '.svn')) {
    const command = ['svn', 'update', '--non-interactive', ...getRevisionArguments(request.options)];
    await request.runRevisionStep(command, { cwd: cachePath, workingCopy: cachePath });
    return;
  }
  await createCacheAtomically(cachePath, (partialPath) => checkOutWorkingCopy(request, partialPath));
}

function getRevisionArguments(options: SvnCheckoutOptions): string[] {
  return options.revision === undefined ? [] : ['-r', String(options.revision)];
}

// The repository answers for a URL as it does for a working copy of it: the last revision
// that changed what a checkout of that URL (at that revision) would hold.
function readSvnUpstreamRevision(options: SvnCheckoutOptions, read: UpstreamRead): Promise<string> {
  const command = ['svn', 'info', '--non-interactive', '--show-item', 'last-changed-revision', ...getRevisionArguments(options), '--', options.url];
  return read(command, { LC_ALL: 'C' });
}

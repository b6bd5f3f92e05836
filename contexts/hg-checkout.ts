// The original's HgCheckout, with a cached clone: `hg clone -U` the first time, `hg pull`
// afterwards, then a local clone into the build directory updated to the wanted ref.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readCommandOutput, type BuildContext, type ContextScope } from '../runner/index.ts';
import { createCacheAtomically, hasMetadata } from './checkout/cached-working-copy.ts';
import { checkBoolean, checkDirectory, checkRevisionName, checkUrl, type CheckoutOptions, type OptionCheck } from './checkout/checkout-options.ts';
import { createCheckoutContext, type CheckoutRequest, type Revision, type UpstreamRead } from './checkout/create-checkout-context.ts';
import { runCheckoutStep } from './checkout/run-checkout-step.ts';

export interface HgCheckoutOptions extends CheckoutOptions {
  /** A branch, tag, bookmark or changeset id; default the tip of the `default` branch. */
  ref?: string;
}

const checkHgRef: OptionCheck = (value) => (typeof value === 'number' ? 'a string' : checkRevisionName(value));

export function hgCheckout(options: HgCheckoutOptions): BuildContext {
  return createCheckoutContext<HgCheckoutOptions>(
    {
      vcs: 'hg',
      constructorName: 'hgCheckout',
      optionChecks: { url: checkUrl, ref: checkHgRef, directory: checkDirectory, cache: checkBoolean },
      getRequestedRef: (given) => given.ref,
      defaultRefName: 'default',
      // hg's own short form of a node.
      shortenRevision: (node) => node.slice(0, 12),
      checkOut: checkOutHg,
      readRevision: readHgRevision,
      readUpstreamRevision: readHgUpstreamRevision,
    },
    options,
  );
}

async function checkOutHg(request: CheckoutRequest<HgCheckoutOptions>): Promise<void> {
  const { scope, contextName, options, target, cachePath } = request;
  const clone = { name: `hg clone ${options.url}` };
  if (cachePath === undefined) {
    await runCheckoutStep(scope, contextName, ['hg', 'clone', '-U', '--', options.url, target], clone);
  } else {
    if (await hasMetadata(cachePath, '.hg')) {
      await runCheckoutStep(scope, contextName, ['hg', 'pull'], { name: `hg pull ${options.url} into the cache`, cwd: cachePath });
    } else {
      await createCacheAtomically(cachePath, async (partialPath) => {
        await runCheckoutStep(scope, contextName, ['hg', 'clone', '-U', '--', options.url, partialPath], { name: `hg clone ${options.url} into the cache` });
      });
    }
    await runCheckoutStep(scope, contextName, ['hg', 'clone', '-U', '--', cachePath, target], clone);
    // The local clone's default path is the cache; `hg pull` in the build should reach the real one.
    await writeFile(path.join(target, '.hg', 'hgrc'), `[paths]\ndefault = ${options.url}\n`);
  }
  await request.runRevisionStep(['hg', 'update', ...(options.ref === undefined ? [] : ['-r', options.ref])], { cwd: target });
}

async function readHgRevision(scope: ContextScope, directory: string): Promise<Revision> {
  // HGPLAIN keeps the output free of the user's aliases, colours and localisation.
  const read = { cwd: directory, env: { ...scope.env, HGPLAIN: '1' }, signal: scope.signal };
  return {
    revision: await readCommandOutput(['hg', 'log', '-r', '.', '--template', '{node}'], read),
    versionInfo: await readCommandOutput(['hg', 'id', '-nib'], read),
  };
}

// `hg identify -r` asks the repository, local or remote, without cloning; --debug makes it
// print the full node, the form readHgRevision records.
async function readHgUpstreamRevision(options: HgCheckoutOptions, read: UpstreamRead): Promise<string | undefined> {
  const printed = await read(['hg', 'identify', '--debug', '--id', '-r', options.ref ?? 'default', '--', options.url], { HGPLAIN: '1' });
  return /^[0-9a-f]{40}$/m.exec(printed)?.[0];
}

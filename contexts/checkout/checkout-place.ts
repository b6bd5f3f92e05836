// Where a checkout goes. Inside a temp dir context it goes there (the temp dir removes it);
// entered on its own, it makes a temp dir and owns it, so a bare `[gitCheckout(...)]` never
// clones into the recipe's own directory. Later checkouts of the same build go next to it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ContextError, type ContextScope } from '../../runner/index.ts';

export interface CheckoutPlace {
  /** Absolute path of the checkout. */
  directory: string;
  /** The temp dir this checkout made because no temp dir context came before it. */
  ownedRoot?: string;
}

// Keyed by the scope, so each build knows which directories its checkouts already took.
const claimsByScope = new WeakMap<ContextScope, Map<string, string>>();

export async function claimCheckoutPlace(scope: ContextScope, contextName: string, label: string, directory: string): Promise<CheckoutPlace> {
  const existingRoot = typeof scope.info.tempdir === 'string' ? scope.info.tempdir : undefined;
  const claims = claimsByScope.get(scope) ?? new Map<string, string>();
  claimsByScope.set(scope, claims);
  if (existingRoot !== undefined) {
    const target = path.join(existingRoot, directory);
    const holder = claims.get(target);
    if (holder !== undefined) {
      throw new ContextError(contextName, `${label} cannot check out into \`${directory}\`: ${holder} is already checked out there; give one of them another \`directory\``);
    }
    claims.set(target, label);
    return { directory: target };
  }
  const ownedRoot = await mkdtemp(path.join(os.tmpdir(), 'pony-build-'));
  scope.info.tempdir = ownedRoot;
  const target = path.join(ownedRoot, directory);
  claims.set(target, label);
  return { directory: target, ownedRoot };
}

/** Undoes `claimCheckoutPlace`; the owned temp dir goes unless the build keeps its leftovers. */
export async function releaseCheckoutPlace(scope: ContextScope, place: CheckoutPlace): Promise<void> {
  claimsByScope.get(scope)?.delete(place.directory);
  if (place.ownedRoot === undefined) {
    return;
  }
  if (scope.keep) {
    scope.note(`kept ${place.ownedRoot}`);
    return;
  }
  await rm(place.ownedRoot, { recursive: true, force: true });
}

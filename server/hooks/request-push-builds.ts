// A push asks the next client of every tagset it feeds to build: the tagsets whose newest result
// was built from the pushed repository (its client_info's repository or one of its checkouts'),
// and every tagset of the packages the configuration maps that repository to.
import { normaliseRepository } from '../notify/normalise-repository.ts';
import type { Store } from '../store/types.ts';

export interface PushedRepository {
  /** Normalised repository names (normaliseRepository) the push was to. */
  repositories: readonly string[];
  /** Packages every tagset of which is requested too. */
  packages: readonly string[];
}

/** A tagset whose next check_should_build answers `build requested`. */
export interface RequestedTagset {
  package: string;
  tagset: string[];
}

export async function requestPushBuilds(store: Store, push: PushedRepository, requestedAt: number): Promise<RequestedTagset[]> {
  const repositories = new Set(push.repositories);
  const packages = new Set(push.packages);
  const fedByPush = (urls: string[]) => urls.some((url) => repositories.has(normaliseRepository(url) ?? ''));
  const requested: RequestedTagset[] = [];
  for (const record of await store.listTagsetRepositories()) {
    if (packages.has(record.package) || fedByPush(record.repositories)) {
      await store.addBuildRequest(record.tagsetKey, requestedAt);
      requested.push({ package: record.package, tagset: record.tagset });
    }
  }
  return requested;
}

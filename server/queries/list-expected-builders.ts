// Expected builders against what was stored. Reads only the tagsets table (one row per
// tagset, with its newest result), once per configured package.
import type { ExpectedBuilder } from '../config/types.ts';
import type { Store, TagsetRecord } from '../store/types.ts';
import type { ExpectedBuilderStatus } from './expected-types.ts';
import { judgeExpectedBuilder } from './match-expected-builder.ts';

/** Every configured expected builder with its state at `now`, in configuration order. */
export async function listExpectedBuilders(
  store: Store,
  builders: readonly ExpectedBuilder[],
  now: number,
): Promise<ExpectedBuilderStatus[]> {
  const packages = [...new Set(builders.map((builder) => builder.package))];
  const tagsetsByPackage = new Map<string, TagsetRecord[]>(
    await Promise.all(packages.map(async (name) => [name, await store.listTagsets(name)] as const)),
  );
  return builders.map((builder) => judgeExpectedBuilder(builder, tagsetsByPackage.get(builder.package)!, now));
}

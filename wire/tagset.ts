// Part of the wire protocol (docs/PROTOCOL.md, "Tagsets"): clients and the server compute it alike.
// A tagset names one line of builds: the same package, on the same host and arch, with the
// same tags. Two tagsets are equal as sets, so their canonical form is sorted and unique.

/** The fields of client_info a tagset is made of. */
export interface BuildIdentity {
  package: string;
  host: string;
  arch: string;
  tags: string[];
}

/** Tags plus the synthetic `__package=`, `__arch=`, `__host=` tags, in canonical order. */
export function buildTagset(identity: BuildIdentity): string[] {
  return normalizeTagset([
    ...identity.tags,
    `__package=${identity.package}`,
    `__arch=${identity.arch}`,
    `__host=${identity.host}`,
  ]);
}

/** Sorts and de-duplicates, so that equal sets have equal forms. */
export function normalizeTagset(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort(compareCodeUnits);
}

/** The string stored and compared for a tagset; equal only for equal sets. */
export function makeTagsetKey(tags: readonly string[]): string {
  return JSON.stringify(normalizeTagset(tags));
}

/** Tags people see: the synthetic `__` ones are hidden. */
export function getVisibleTags(tags: readonly string[]): string[] {
  return tags.filter((tag) => !tag.startsWith('__'));
}

// Locale-independent, so every server and database computes the same key.
function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

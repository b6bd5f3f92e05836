// Package, host, arch and tags end up in page addresses (`/packages/<package>/latest?tag=...
// &host=...&arch=...`), and servers and proxies commonly refuse a request line over 8 KB (nginx,
// Apache; Node's own limit is 16 KB for the whole header). A name too long for an address would be
// stored, and then its pages could never be opened. So each field has a bound people can read,
// and the whole tagset, percent-encoded as the addresses hold it, one that keeps even names made
// of non-ASCII characters (up to 9 characters each once encoded) well within 8 KB.
import type { BuildIdentity } from '../../wire/tagset.ts';
import { buildTagset } from '../../wire/tagset.ts';
import { FieldTooLongError } from '../errors/domain-errors.ts';

export const IDENTITY_BOUNDS = {
  /** Characters of a package name, which is in every address of its pages. */
  package: 100,
  /** Characters of a host name; a DNS name has at most 253. */
  host: 255,
  /** Characters of an arch, such as `linux-x86_64`. */
  arch: 100,
  /** Characters of one tag. */
  tag: 100,
  /** Tags of one build, besides the synthetic ones. */
  tags: 50,
  /** Characters of package, tags, host and arch percent-encoded in a page address; within the field bounds, ASCII names never reach it. */
  address: 6000,
} as const;

const SYNTHETIC_PREFIXES = { package: '__package=', host: '__host=', arch: '__arch=' } as const;

/** Refuses a package name too long for its pages' addresses. */
export function checkPackageLength(packageName: string, field: string): void {
  checkLength(packageName, IDENTITY_BOUNDS.package, field);
}

/** Refuses package, host, arch or tags longer than the bounds; `field` is the bag, e.g. `client_info`. */
export function checkIdentityBounds(identity: BuildIdentity, field: string): void {
  checkPackageLength(identity.package, `${field}.package`);
  checkLength(identity.host, IDENTITY_BOUNDS.host, `${field}.host`);
  checkLength(identity.arch, IDENTITY_BOUNDS.arch, `${field}.arch`);
  checkTagCount(identity.tags, identity.tags.length, `${field}.tags`, '');
  identity.tags.forEach((tag, index) => checkLength(tag, IDENTITY_BOUNDS.tag, `${field}.tags[${index}]`));
  checkAddressLength(identity, `${field} (package, host, arch and tags together)`);
}

/** The same bounds for a whole tagset, as get_last_result_for_tagset takes it (synthetic tags included). */
export function checkTagsetBounds(tagset: readonly string[], field: string): void {
  const identity: BuildIdentity = { package: '', host: '', arch: '', tags: [] };
  tagset.forEach((tag, index) => {
    const part = findSyntheticPart(tag);
    if (part === undefined) {
      checkLength(tag, IDENTITY_BOUNDS.tag, `${field}[${index}]`);
      identity.tags.push(tag);
    } else {
      const value = tag.slice(SYNTHETIC_PREFIXES[part].length);
      checkLength(value, IDENTITY_BOUNDS[part], `${field}[${index}] after \`${SYNTHETIC_PREFIXES[part]}\``);
      identity[part] = value;
    }
  });
  checkTagCount(tagset, identity.tags.length, field, ' besides `__package=`, `__host=` and `__arch=`');
  checkAddressLength(identity, field);
}

function findSyntheticPart(tag: string): keyof typeof SYNTHETIC_PREFIXES | undefined {
  return (Object.keys(SYNTHETIC_PREFIXES) as Array<keyof typeof SYNTHETIC_PREFIXES>)
    .find((part) => tag.startsWith(SYNTHETIC_PREFIXES[part]));
}

function checkLength(text: string, max: number, field: string): void {
  if (text.length > max) {
    throw new FieldTooLongError(field, `a string of at most ${max} characters`, text.length, text);
  }
}

function checkTagCount(tags: readonly string[], count: number, field: string, besides: string): void {
  if (count > IDENTITY_BOUNDS.tags) {
    throw new FieldTooLongError(field, `at most ${IDENTITY_BOUNDS.tags} tags${besides}`, count, [...tags]);
  }
}

function checkAddressLength(identity: BuildIdentity, field: string): void {
  const length = measureAddress(identity);
  if (length > IDENTITY_BOUNDS.address) {
    throw new FieldTooLongError(field, `at most ${IDENTITY_BOUNDS.address} characters once percent-encoded in a page address`,
      length, buildTagset(identity));
  }
}

// As server/web/page-links.ts writes them: the package in the path, tags, host and arch in the query.
function measureAddress(identity: BuildIdentity): number {
  const query = new URLSearchParams(identity.tags.map((tag): [string, string] => ['tag', tag]));
  query.append('host', identity.host);
  query.append('arch', identity.arch);
  return encodeURIComponent(identity.package).length + query.toString().length;
}

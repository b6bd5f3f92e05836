// Checkout options are checked before anything runs. A `directory` that climbs out of the
// build directory (`..`, an absolute path) would let a recipe clone over files it does not own,
// and a `ref` starting with `-` would reach git as an option instead of a name.
import path from 'node:path';
import { describeValue } from '../../wire/describe-value.ts';

export interface CheckoutOptions {
  /** Where to check out from: any URL or path the VCS accepts. */
  url: string;
  /** Subdirectory of the build directory; default derived from the URL (`hello.git` gives `hello`). */
  directory?: string;
  /** Keep a local cache under `PONY_BUILD_CACHE`, so a rebuild fetches only what changed; default true. */
  cache?: boolean;
}

/** Returns what is wrong with a value, phrased to follow "expected", or undefined when it is fine. */
export type OptionCheck = (value: unknown) => string | undefined;

export const checkUrl: OptionCheck = (value) =>
  typeof value === 'string' && value.trim() !== '' ? undefined : 'a non-empty string';

export const checkBoolean: OptionCheck = (value) => (value === undefined || typeof value === 'boolean' ? undefined : 'a boolean');

/** For refs and revisions: anything the VCS resolves, as long as it cannot pass for an option. */
export const checkRevisionName: OptionCheck = (value) => {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return undefined;
  if (typeof value !== 'string' || value.trim() === '') return 'a non-empty string';
  return value.startsWith('-') ? 'a name that does not start with `-`' : undefined;
};

export const checkDirectory: OptionCheck = (value) => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || value.includes('\0')) return 'a non-empty string';
  if (path.isAbsolute(value) || value.split(/[/\\]/).some((segment) => segment === '..')) {
    return 'a relative path inside the build directory, without `..`';
  }
  return path.normalize(value) === '.' ? 'a subdirectory, not the build directory itself' : undefined;
};

/** Every problem with one checkout's options, each naming the checkout and the option. */
export function findOptionProblems(label: string, options: unknown, checks: Readonly<Record<string, OptionCheck>>): string[] {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return [`${label}: expected an options object with a \`url\`, got ${describeValue(options)}`];
  }
  const values = options as Record<string, unknown>;
  const unknown = Object.keys(values).filter((key) => !Object.hasOwn(checks, key));
  const problems = unknown.length === 0
    ? []
    : [`${label}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `\`${key}\``).join(', ')}; known: ${Object.keys(checks).map((key) => `\`${key}\``).join(', ')}`];
  for (const [key, check] of Object.entries(checks)) {
    const expected = check(values[key]);
    if (expected !== undefined) {
      problems.push(`${label}: expected \`${key}\` to be ${expected}, got ${describeValue(values[key])}`);
    }
  }
  return problems;
}

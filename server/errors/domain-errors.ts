// The errors commands and queries throw: what the client sent is wrong, or names nothing
// that is stored. Each says its kind; how it is answered is decided in one place.
import { describeWireValue } from '../../wire/describe-value.ts';
import type { WireValue } from '../../wire/types.ts';
import { DomainError } from './domain-error.ts';

/** A field of what the client sent has the wrong type or value. */
export class InvalidFieldError extends DomainError {
  override name = 'InvalidFieldError';
  /** Where the field is, e.g. `client_info.package` or `results_list[2]`. */
  readonly field: string;
  /** What was expected, e.g. `a non-empty string`. */
  readonly expected: string;
  /** What was found, described, e.g. `` `42` (int) ``. */
  readonly actual: string;

  constructor(field: string, expected: string, value: WireValue | undefined) {
    const actual = describeWireValue(value);
    super('invalid', `${field} must be ${expected}, got ${actual}`);
    this.field = field;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A field of what the client sent is longer than the server keeps (docs/PROTOCOL.md, "Bounds"). */
export class FieldTooLongError extends DomainError {
  override name = 'FieldTooLongError';
  readonly field: string;
  /** The bound, e.g. `a string of at most 100 characters`. */
  readonly expected: string;
  /** How long the field was, in the bound's unit. */
  readonly length: number;

  constructor(field: string, expected: string, length: number, value: WireValue | undefined) {
    super('invalid', `${field} must be ${expected}, got ${length}: ${describeWireValue(value)}`);
    this.field = field;
    this.expected = expected;
    this.length = length;
  }
}

/** No result has this key. */
export class UnknownResultError extends DomainError {
  override name = 'UnknownResultError';
  readonly resultKey: number;

  constructor(resultKey: number) {
    super('not-found', `no result has the key ${resultKey}`);
    this.resultKey = resultKey;
  }
}

/** No result was stored with this auth_key, so the upload is not authorised. */
export class UnknownAuthKeyError extends DomainError {
  override name = 'UnknownAuthKeyError';

  constructor() {
    // The key itself is left out: it is a secret, even a wrong one may be a typo of a real one.
    super('unauthorised', 'the auth_key does not belong to any result; use the auth_key that add_results returned');
  }
}

/** No tagset of the package has exactly the given tags. */
export class UnknownTagsetError extends DomainError {
  override name = 'UnknownTagsetError';
  readonly package: string;
  readonly tags: string[];

  constructor(packageName: string, tags: string[]) {
    super('not-found', `no tagset of package ${JSON.stringify(packageName)} has exactly the tags ${JSON.stringify(tags)}`);
    this.package = packageName;
    this.tags = tags;
  }
}

/** Several tagsets match the given tags; the caller must name the host or arch to choose one. */
export class AmbiguousTagsetError extends DomainError {
  override name = 'AmbiguousTagsetError';
  readonly package: string;
  readonly tags: string[];
  /** Every matching tagset, in canonical order. */
  readonly candidates: string[][];

  constructor(packageName: string, tags: string[], candidates: string[][]) {
    const listed = candidates.map((tagset) => `  ${tagset.join(' ')}`).join('\n');
    super('ambiguous', `${candidates.length} tagsets of package ${JSON.stringify(packageName)} match the tags ${JSON.stringify(tags)}; `
      + `add __host= or __arch= to choose one:\n${listed}`);
    this.package = packageName;
    this.tags = tags;
    this.candidates = candidates;
  }
}

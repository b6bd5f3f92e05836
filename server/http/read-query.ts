// The one reader of query parameters, for the pages, the JSON API and uploads: each parameter
// is read once, and every mistake is told in one style, naming the parameter and the value.
import type { ParsedUrlQuery } from 'node:querystring';
import { DomainError } from '../errors/domain-error.ts';
import type { TagsetSelector } from '../rules/select-tagsets.ts';
import { RESULT_OUTCOMES, type ResultOutcome } from '../rules/summarize-outcomes.ts';
import type { TestIdentity } from '../test-outcomes/types.ts';
import { parsePositiveInteger } from './parse-positive-integer.ts';

/** A query parameter is repeated, missing, or not one of the values it can take. */
export class QueryParameterError extends DomainError {
  override name = 'QueryParameterError';
  readonly parameter: string;

  constructor(parameter: string, problem: string) {
    super('invalid', `the \`${parameter}\` query parameter ${problem}`);
    this.parameter = parameter;
  }
}

/** A parameter given at most once, as given (an empty value stays empty); undefined when absent. */
export function readSingleQuery(query: ParsedUrlQuery, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    throw new QueryParameterError(name, `may be given once, got ${value.length} values`);
  }
  return value;
}

/** A parameter given at most once; empty (as a blank form field sends it) counts as absent. */
export function readOptionalQuery(query: ParsedUrlQuery, name: string): string | undefined {
  const value = readSingleQuery(query, name);
  return value === '' ? undefined : value;
}

/** A parameter that must be given, once; `usage` says what it holds. */
export function readRequiredQuery(query: ParsedUrlQuery, name: string, usage: string, { mayBeEmpty = false } = {}): string {
  const value = mayBeEmpty ? readSingleQuery(query, name) : readOptionalQuery(query, name);
  if (value === undefined) {
    throw new QueryParameterError(name, `is required: ${usage}`);
  }
  return value;
}

/** A parameter that may repeat (`?tag=a&tag=b`), blanks dropped. */
export function readRepeatedQuery(query: ParsedUrlQuery, name: string): string[] {
  const value = query[name];
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.filter((entry) => entry !== '');
}

/** A positive integer (a result key for paging, a limit); undefined when absent. */
export function readPositiveIntegerQuery(query: ParsedUrlQuery, name: string): number | undefined {
  const text = readOptionalQuery(query, name);
  const value = text === undefined ? undefined : parsePositiveInteger(text);
  if (text !== undefined && value === undefined) {
    throw new QueryParameterError(name, `must be a positive integer, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** One of a fixed list of words (a status, a sort column); undefined when absent. */
export function readChoiceQuery<Choice extends string>(query: ParsedUrlQuery, name: string, choices: readonly Choice[]): Choice | undefined {
  const text = readOptionalQuery(query, name);
  if (text === undefined) {
    return undefined;
  }
  const choice = choices.find((candidate) => candidate === text);
  if (choice === undefined) {
    throw new QueryParameterError(name, `must be one of ${choices.join(', ')}, got ${JSON.stringify(text)}`);
  }
  return choice;
}

/**
 * `?tag=a&tag=b&host=H&arch=A`: one tagset by its visible tags, as people name it. The tags
 * must match exactly: `?tag=a` names the tagset {a}, not every tagset with a.
 */
export function readTagsetSelector(query: ParsedUrlQuery): TagsetSelector {
  return {
    tags: readRepeatedQuery(query, 'tag'),
    host: readOptionalQuery(query, 'host'),
    arch: readOptionalQuery(query, 'arch'),
    exactTags: true,
  };
}

/** `?suite=S&name=N`: one test, as the test history page and its JSON twin name it. */
export function readTestIdentityQuery(query: ParsedUrlQuery): TestIdentity {
  const name = readRequiredQuery(query, 'name', "the test's name (and `suite`, its suite, when it has one)");
  return { suite: readOptionalQuery(query, 'suite') ?? '', name };
}

export interface PackageResultsQuery {
  tags: string[];
  host?: string;
  arch?: string;
  outcome?: ResultOutcome;
  before?: number;
}

/** `?tag=a&host=H&arch=A&status=failed&before=K`: a package's results filtered and paged, as its page lists them. */
export function readPackageResultsQuery(query: ParsedUrlQuery): PackageResultsQuery {
  return {
    tags: readRepeatedQuery(query, 'tag'),
    host: readOptionalQuery(query, 'host'),
    arch: readOptionalQuery(query, 'arch'),
    outcome: readChoiceQuery(query, 'status', RESULT_OUTCOMES),
    before: readPositiveIntegerQuery(query, 'before'),
  };
}

// Query parameters of the pages, each read once, with a 400 page naming what was wrong.
import type { Context } from 'koa';
import type { ResultOutcome } from '../rules/summarize-outcomes.ts';
import type { TagsetSelector } from '../rules/select-tagsets.ts';
import { HttpError } from './http-error.ts';
import { parsePositiveInteger } from './parse-key.ts';

const OUTCOMES: readonly ResultOutcome[] = ['passed', 'failed', 'unknown'];

/** A parameter given at most once; empty (as a blank form field sends it) counts as absent. */
export function readOptionalQuery(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  if (Array.isArray(value)) {
    throw new HttpError(400, `The address gives ?${name}= ${value.length} times; give it once.`);
  }
  return value === '' ? undefined : value;
}

/** A parameter that may repeat (`?tag=a&tag=b`), blanks dropped. */
export function readRepeatedQuery(ctx: Context, name: string): string[] {
  const value = ctx.query[name];
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.filter((entry) => entry !== '');
}

/** `?before=<result key>` for keyset paging. */
export function readBeforeQuery(ctx: Context): number | undefined {
  const text = readOptionalQuery(ctx, 'before');
  const key = text === undefined ? undefined : parsePositiveInteger(text);
  if (text !== undefined && key === undefined) {
    throw new HttpError(400, `The page position ?before= must be a result key, got ${JSON.stringify(text)}.`);
  }
  return key;
}

/** `?status=passed|failed|unknown`. */
export function readOutcomeQuery(ctx: Context): ResultOutcome | undefined {
  const text = readOptionalQuery(ctx, 'status');
  if (text === undefined) {
    return undefined;
  }
  const outcome = OUTCOMES.find((candidate) => candidate === text);
  if (!outcome) {
    throw new HttpError(400, `Results can be shown by status ${OUTCOMES.join(', ')}; there is no status ${JSON.stringify(text)}.`);
  }
  return outcome;
}

/** `?tag=a&tag=b&host=H&arch=A`: one tagset by its visible tags, as people name it. */
export function readTagsetSelector(ctx: Context): TagsetSelector {
  return {
    tags: readRepeatedQuery(ctx, 'tag'),
    host: readOptionalQuery(ctx, 'host'),
    arch: readOptionalQuery(ctx, 'arch'),
    exactTags: true,
  };
}

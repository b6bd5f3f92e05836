// Small readers shared by the JSON routes: each turns a bad request into a 400 naming it.
import type { Context } from 'koa';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { HttpError } from '../http/http-error.ts';
import { parsePositiveInteger } from '../http/parse-key.ts';

/** A result key from the path; 400 when it is not a positive integer. */
export function readKeyParam(text: string | undefined): number {
  const key = parsePositiveInteger(text);
  if (key === undefined) {
    throw new HttpError(400, `a result key is a positive integer, got ${JSON.stringify(text)}`);
  }
  return key;
}

/** A query parameter given at most once; undefined when absent. */
export function readSingleQuery(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  if (Array.isArray(value)) {
    throw new HttpError(400, `the \`${name}\` query parameter may be given once, got ${value.length} values`);
  }
  return value;
}

/** A positive integer query parameter; undefined when absent. */
export function readIntegerQuery(ctx: Context, name: string): number | undefined {
  const text = readSingleQuery(ctx, name);
  if (text === undefined) {
    return undefined;
  }
  const value = parsePositiveInteger(text);
  if (value === undefined) {
    throw new HttpError(400, `the \`${name}\` query parameter must be a positive integer, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** Runs a coordinator call, answering its InvalidFieldError as a 400. */
export async function translateFieldErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof InvalidFieldError) {
      throw new HttpError(400, error.message);
    }
    throw error;
  }
}

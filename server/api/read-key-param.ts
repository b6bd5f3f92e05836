import { HttpError } from '../http/http-error.ts';
import { parsePositiveInteger } from '../http/parse-positive-integer.ts';

/** A result key from the path; 400 when it is not a positive integer. */
export function readKeyParam(text: string | undefined): number {
  const key = parsePositiveInteger(text);
  if (key === undefined) {
    throw new HttpError(400, `a result key is a positive integer, got ${JSON.stringify(text)}`);
  }
  return key;
}

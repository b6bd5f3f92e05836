import { HttpError } from '../http/http-error.ts';
import { parsePositiveInteger } from '../http/parse-positive-integer.ts';

/** The result key of a page's URL; anything else is a page that does not exist. */
export function readResultKey(text: string | undefined): number {
  const key = parsePositiveInteger(text);
  if (key === undefined) {
    throw new HttpError(404, `There is no result ${JSON.stringify(text)}: result keys are positive integers.`);
  }
  return key;
}

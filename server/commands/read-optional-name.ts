// Names a client may put in client_info for the server to compare (a revision, a submission
// id): absent, nil or '' is none; anything else must be a string within a bound.
import type { WireStruct } from '../../wire/types.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';

/** The string at `client_info.<key>`, or undefined when none was sent; refuses another type or a longer one. */
export function readOptionalName(clientInfo: WireStruct, key: string, maxLength: number): string | undefined {
  const value = clientInfo[key];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string' || value.length > maxLength) {
    throw new InvalidFieldError(`client_info.${key}`, `a string of at most ${maxLength} characters`, value);
  }
  return value;
}

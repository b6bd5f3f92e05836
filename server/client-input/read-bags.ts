// The two bags a client sends, checked for the shape every method relies on (client_info a
// struct, results_list an array of structs) and with their UTF-8 bytes read as text.
import { isWireStruct } from '../../wire/describe-value.ts';
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { decodeStructTextBytes } from './decode-text-bytes.ts';

/** client_info as stored: a struct, bytes that are valid UTF-8 turned into text. */
export function readClientInfoBag(clientInfo: WireValue | undefined): WireStruct {
  if (!isWireStruct(clientInfo)) {
    throw new InvalidFieldError('client_info', 'a struct', clientInfo);
  }
  return decodeStructTextBytes(clientInfo);
}

/** results_list as stored: an array of structs, each decoded like client_info. */
export function readResultsListBag(resultsList: WireValue | undefined): WireStruct[] {
  if (!Array.isArray(resultsList)) {
    throw new InvalidFieldError('results_list', 'an array of structs', resultsList);
  }
  return resultsList.map((step, index) => {
    if (!isWireStruct(step)) {
      throw new InvalidFieldError(`results_list[${index}]`, 'a struct', step);
    }
    return decodeStructTextBytes(step);
  });
}

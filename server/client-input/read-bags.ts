// The two bags a client sends, checked for the shape every method relies on (client_info a
// struct, results_list an array of structs) and with their UTF-8 bytes read as text.
import { isWireStruct } from '../../wire/describe-value.ts';
import type { WireStruct, WireValue } from '../../wire/types.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { decodeStructTextBytes } from './decode-text-bytes.ts';
import { checkFieldTypes, type FieldType } from './field-types.ts';

// What pages, step output and test history read from a step; the rest of a step is the
// client's own and is stored as sent.
const STEP_FIELD_TYPES: Record<string, FieldType> = {
  name: 'string',
  type: 'string',
  status: 'int',
  output: 'text',
  errout: 'text',
  duration: 'number',
};

/** client_info as stored: a struct, bytes that are valid UTF-8 turned into text. */
export function readClientInfoBag(clientInfo: WireValue | undefined): WireStruct {
  if (!isWireStruct(clientInfo)) {
    throw new InvalidFieldError('client_info', 'a struct', clientInfo);
  }
  return decodeStructTextBytes(clientInfo);
}

/** results_list as stored: an array of structs, each decoded like client_info, their read fields of the protocol's types. */
export function readResultsListBag(resultsList: WireValue | undefined): WireStruct[] {
  if (!Array.isArray(resultsList)) {
    throw new InvalidFieldError('results_list', 'an array of structs', resultsList);
  }
  return resultsList.map((step, index) => {
    if (!isWireStruct(step)) {
      throw new InvalidFieldError(`results_list[${index}]`, 'a struct', step);
    }
    const decoded = decodeStructTextBytes(step);
    checkFieldTypes(decoded, STEP_FIELD_TYPES, `results_list[${index}]`);
    return decoded;
  });
}

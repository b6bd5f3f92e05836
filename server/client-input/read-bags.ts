// The two bags a client sends, checked for the shape every method relies on (client_info a
// struct, results_list an array of structs) and with their UTF-8 bytes read as text. Steps
// are held to the configured limits here, for every method that takes them.
import { isWireStruct } from '../../wire/describe-value.ts';
import type { WireStruct, WireValue } from '../../wire/types.ts';
import type { LimitsPolicy } from '../config/types.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import { boundStepOutput } from './bound-step-output.ts';
import { assertTestCasesWithin } from './count-test-cases.ts';
import { decodeStructTextBytes } from './decode-text-bytes.ts';
import { checkFieldTypes, type FieldType } from './field-types.ts';

/** The limits that hold for a result's steps. */
export type StepLimits = Pick<LimitsPolicy, 'stepOutputBytes' | 'testCasesPerResult'>;

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

/**
 * results_list as stored: an array of structs, each decoded like client_info, their read
 * fields of the protocol's types, their output within its bound; refused whole when its
 * steps carry more test cases than a result may.
 */
export function readResultsListBag(resultsList: WireValue | undefined, limits: StepLimits): WireStruct[] {
  if (!Array.isArray(resultsList)) {
    throw new InvalidFieldError('results_list', 'an array of structs', resultsList);
  }
  assertTestCasesWithin(resultsList, limits.testCasesPerResult, 'results_list');
  return resultsList.map((step, index) => {
    if (!isWireStruct(step)) {
      throw new InvalidFieldError(`results_list[${index}]`, 'a struct', step);
    }
    const decoded = decodeStructTextBytes(step);
    checkFieldTypes(decoded, STEP_FIELD_TYPES, `results_list[${index}]`);
    return boundStepOutput(decoded, limits.stepOutputBytes);
  });
}

/** A step added to a live build: a struct, decoded, its output within its bound, its test cases within a result's. */
export function readLiveStepBag(step: WireValue | undefined, limits: StepLimits): WireStruct {
  if (!isWireStruct(step)) {
    throw new InvalidFieldError('step', 'a struct', step);
  }
  assertTestCasesWithin([step], limits.testCasesPerResult, 'step');
  return boundStepOutput(decodeStructTextBytes(step), limits.stepOutputBytes);
}

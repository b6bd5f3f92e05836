// add_step and append_output: a running build takes its finished steps one at a time and the
// running step's output as it comes. Both are safe to retry (docs/PROTOCOL.md, "Live builds").
import { readWireNumber } from '../../wire/read-wire-number.ts';
import type { WireValue } from '../../wire/types.ts';
import { countStepTestCases, tooManyTestCases } from '../client-input/count-test-cases.ts';
import { decodeTextBytes } from '../client-input/decode-text-bytes.ts';
import { readLiveStepBag, type StepLimits } from '../client-input/read-bags.ts';
import { InvalidFieldError } from '../errors/domain-errors.ts';
import type { OutputChunk, OutputStreamName } from '../store/live-types.ts';
import type { Store } from '../store/types.ts';
import { assertLiveCallAccepted } from './refuse-live-call.ts';

/** append_output's arguments as the client sent them. */
export interface OutputInput {
  stepIndex: WireValue | undefined;
  stream: WireValue | undefined;
  text: WireValue | undefined;
  offset?: WireValue;
}

const STREAMS: readonly OutputStreamName[] = ['output', 'errout'];

/**
 * Appends one finished step, held to `limits`: its test cases and those of the steps added before
 * it count together, as a result's do when sent whole. The same step sent again (a retry) is not
 * added twice. Answers the result's key.
 */
export async function addLiveStep(
  store: Store,
  updateToken: string,
  step: WireValue | undefined,
  at: number,
  limits: StepLimits,
): Promise<number> {
  const bag = readLiveStepBag(step, limits);
  const stepTestCases = countStepTestCases([bag]);
  // A step without test cases cannot take the result past its limit: the steps held need not be counted.
  const room = stepTestCases === 0 ? undefined : limits.testCasesPerResult - stepTestCases;
  const outcome = await store.addLiveStep(updateToken, bag, at, room);
  assertLiveCallAccepted(outcome);
  if (outcome.kind === 'no-room-for-test-cases') {
    throw tooManyTestCases('results_list with this step', outcome.heldTestCases + stepTestCases, limits.testCasesPerResult);
  }
  return outcome.resultKey;
}

/** Adds output of the running step; what the server already holds of it is not added again. Answers the result's key. */
export async function appendLiveOutput(store: Store, updateToken: string, input: OutputInput, at: number): Promise<number> {
  const outcome = await store.appendLiveOutput(updateToken, readOutputChunk(input), at);
  assertLiveCallAccepted(outcome);
  return outcome.resultKey;
}

function readOutputChunk(input: OutputInput): OutputChunk {
  const stream = input.stream;
  if (typeof stream !== 'string' || !STREAMS.includes(stream as OutputStreamName)) {
    throw new InvalidFieldError('stream', '`output` or `errout`', stream);
  }
  return {
    stepIndex: readCount('step_index', input.stepIndex),
    stream: stream as OutputStreamName,
    text: readText(input.text),
    offset: input.offset === undefined || input.offset === null ? null : readCount('offset', input.offset),
  };
}

function readCount(field: string, value: WireValue | undefined): number {
  const count = readWireNumber(value);
  if (count === undefined || !Number.isSafeInteger(count) || count < 0) {
    throw new InvalidFieldError(field, 'a whole number, 0 or more', value);
  }
  return count;
}

// Output is for reading while it runs: bytes that are not UTF-8 are shown with U+FFFD.
function readText(value: WireValue | undefined): string {
  if (typeof value === 'string') {
    return value;
  }
  if (Buffer.isBuffer(value)) {
    const decoded = decodeTextBytes(value);
    return typeof decoded === 'string' ? decoded : value.toString('utf8');
  }
  throw new InvalidFieldError('text', 'a string (or base64)', value);
}

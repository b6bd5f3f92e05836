import type { WireStruct } from '../../wire/types.ts';

/** The step's name when it sent a usable one, else `step N` as the pages number steps. */
export function formatStepName(step: WireStruct, stepIndex: number): string {
  return typeof step.name === 'string' && step.name !== '' ? step.name : `step ${stepIndex + 1}`;
}

// A number in a bag may be a plain number or a WholeDouble (a double that happened to be
// whole); whoever reads a duration, a status or a count reads both the same way here.
import { WholeDouble } from './whole-double.ts';

/** The number an int or double holds; undefined for any other value (bigints included). */
export function readWireNumber(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  return value instanceof WholeDouble ? value.value : undefined;
}

/** A duration in seconds: a finite number not below zero; undefined for anything else. */
export function readWireSeconds(value: unknown): number | undefined {
  const seconds = readWireNumber(value);
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

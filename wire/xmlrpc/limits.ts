import { describeValue } from '../describe-value.ts';

/** Bounds a parser enforces so a hostile or broken peer cannot exhaust the process. */
export interface XmlRpcLimits {
  /** Largest document accepted, in bytes (UTF-8 bytes for a string). Default 64 MiB. */
  maxBytes?: number;
  /** Deepest nesting of values (an array or struct inside another counts one level). Default 64. */
  maxDepth?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;

export function resolveLimits(limits: XmlRpcLimits | undefined): Required<XmlRpcLimits> {
  return {
    maxBytes: validateLimit('maxBytes', limits?.maxBytes ?? DEFAULT_MAX_BYTES),
    maxDepth: validateLimit('maxDepth', limits?.maxDepth ?? DEFAULT_MAX_DEPTH),
  };
}

function validateLimit(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`Expected the \`${name}\` limit to be a positive integer, got ${describeValue(value)}`);
  }
  return value;
}

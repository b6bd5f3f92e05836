// The configuration's "limits": what the server takes from one client address and keeps of one
// result (docs/PROTOCOL.md, "Bounds"). Each key left out keeps its default.
import { describeValue } from '../../wire/describe-value.ts';
import { parseByteSize } from './parse-byte-size.ts';
import { isObject, reportUnknownKeys } from './parse-server-config.ts';
import { DEFAULT_LIMITS, type LimitsPolicy } from './types.ts';

const LIMITS_KEYS = ['requests_per_minute', 'step_output_bytes', 'test_cases_per_result', 'artifact_bytes', 'artifact_quota_bytes'];

// Room for a head, a tail and the marker line between them.
const MIN_STEP_OUTPUT_BYTES = 1024;

interface WholeNumber {
  key: string;
  least: number;
  expected: string;
  /** Turns text such as "1M" into a number; numbers are read as they are. */
  parseText?: (text: string) => number | undefined;
}

/** The limits, or undefined when absent or not an object (its problems collected). */
export function readLimits(value: unknown, problems: string[]): LimitsPolicy | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!isObject(value)) {
    problems.push(`limits: expected an object with ${LIMITS_KEYS.map((key) => `"${key}"`).join(', ')}, got ${describeValue(value)}`);
    return undefined;
  }
  reportUnknownKeys(value, LIMITS_KEYS, 'limits', problems);
  const read = (wanted: WholeNumber, fallback: number) => readWholeNumber(value[wanted.key], wanted, problems) ?? fallback;
  return {
    requestsPerMinute: read(
      { key: 'requests_per_minute', least: 0, expected: 'a whole number of requests, 0 (no limit) or more' },
      DEFAULT_LIMITS.requestsPerMinute,
    ),
    stepOutputBytes: read(
      {
        key: 'step_output_bytes',
        least: MIN_STEP_OUTPUT_BYTES,
        expected: `a size such as "1M" or a number of bytes, at least ${MIN_STEP_OUTPUT_BYTES}`,
        parseText: parseByteSize,
      },
      DEFAULT_LIMITS.stepOutputBytes,
    ),
    testCasesPerResult: read(
      { key: 'test_cases_per_result', least: 1, expected: 'a whole number of test cases, 1 or more' },
      DEFAULT_LIMITS.testCasesPerResult,
    ),
    ...readArtifactLimits((wanted) => readWholeNumber(value[wanted.key], wanted, problems), problems),
  };
}

// A file larger than the quota would evict every other file and then itself.
function readArtifactLimits(
  read: (wanted: WholeNumber) => number | undefined,
  problems: string[],
): Pick<LimitsPolicy, 'artifactBytes' | 'artifactQuotaBytes'> {
  const size = (key: string): WholeNumber => ({ key, least: 1, expected: 'a size such as "100M" or a number of bytes, 1 or more', parseText: parseByteSize });
  const artifactBytes = read(size('artifact_bytes'));
  const artifactQuotaBytes = read(size('artifact_quota_bytes'));
  const limits = {
    artifactBytes: artifactBytes ?? DEFAULT_LIMITS.artifactBytes,
    artifactQuotaBytes: artifactQuotaBytes ?? DEFAULT_LIMITS.artifactQuotaBytes,
  };
  if ((artifactBytes !== undefined || artifactQuotaBytes !== undefined) && limits.artifactBytes > limits.artifactQuotaBytes) {
    problems.push(`limits.artifact_bytes: expected at most limits.artifact_quota_bytes (${limits.artifactQuotaBytes}), got ${limits.artifactBytes}`);
  }
  return limits;
}

function readWholeNumber(value: unknown, wanted: WholeNumber, problems: string[]): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const number = typeof value === 'string' && wanted.parseText !== undefined ? wanted.parseText(value) : value;
  if (typeof number === 'number' && Number.isSafeInteger(number) && number >= wanted.least) {
    return number;
  }
  problems.push(`limits.${wanted.key}: expected ${wanted.expected}, got ${describeValue(value)}`);
  return undefined;
}

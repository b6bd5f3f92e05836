// Durations in the configuration file: a number of seconds, or text such as "26h" or "1h30m".

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?[smhdw])+$/;
const PART_PATTERN = /(\d+(?:\.\d+)?)([smhdw])/g;

/** The duration in seconds, or undefined when the value is not a positive duration. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? value : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim().toLowerCase().replaceAll(' ', '');
  if (!DURATION_PATTERN.test(text)) {
    return undefined;
  }
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(PART_PATTERN)) {
    seconds += Number(amount) * UNIT_SECONDS[unit!]!;
  }
  return seconds > 0 ? seconds : undefined;
}

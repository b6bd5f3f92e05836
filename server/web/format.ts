// Text for people: times, durations and stored values as the pages show them.
import { formatDuration as formatSeconds } from '../../wire/format-duration.ts';
import { readWireSeconds } from '../../wire/read-wire-number.ts';
import type { WireValue } from '../../wire/types.ts';
import { encodeAnswerValue } from '../store/tagged-json.ts';
import { removeEscapeSequences } from './ansi-html.ts';

/** "3 minutes ago", from Unix seconds. */
export function formatRelativeTime(time: number, now: number): string {
  const seconds = Math.round(now - time);
  if (seconds < 0) {
    return 'in the future';
  }
  if (seconds < 45) {
    return 'just now';
  }
  const units: Array<[string, number]> = [['year', 31_536_000], ['month', 2_592_000], ['day', 86_400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of units) {
    const count = Math.round(seconds / size);
    if (count >= 1 && seconds >= size * 0.75) {
      return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}

/** "2025-01-02 03:04:05 UTC", from Unix seconds. */
export function formatAbsoluteTime(time: number): string {
  return `${new Date(time * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** ISO 8601 for a `datetime` attribute. */
export function formatIsoTime(time: number): string {
  return new Date(time * 1000).toISOString();
}

/** "340 ms", "2 min 3 s" (as the terminal says it); '' for anything that is not a duration. */
export function formatDuration(value: WireValue | undefined): string {
  const seconds = readWireSeconds(value);
  return seconds === undefined ? '' : formatSeconds(seconds);
}

/**
 * A stored value as text: strings as they are, the rest as (tagged) JSON. Colour codes mean
 * nothing outside a log, so every escape sequence is removed.
 */
export function formatValue(value: WireValue | undefined): string {
  if (typeof value === 'string') {
    return removeEscapeSequences(value);
  }
  if (value === null || value === undefined) {
    return 'nil';
  }
  if (Buffer.isBuffer(value)) {
    return `(${value.length} bytes of binary data)`;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'object') {
    return removeEscapeSequences(JSON.stringify(encodeAnswerValue(value)));
  }
  return String(value);
}

/** A command as a shell would show it; arrays are quoted where needed. */
export function formatCommand(command: WireValue | undefined): string {
  if (Array.isArray(command)) {
    return command.map((part) => quoteShellWord(formatValue(part))).join(' ');
  }
  return command === undefined ? '' : formatValue(command);
}

/**
 * Captured output as the text it holds, escape sequences and all (the log view renders them),
 * with a note when it was not valid UTF-8.
 */
export function formatOutput(value: WireValue | undefined): { text: string; note: string | undefined } {
  if (value === undefined || value === null || value === '') {
    return { text: '', note: undefined };
  }
  if (Buffer.isBuffer(value)) {
    return {
      text: value.toString('utf8'),
      note: `${value.length} bytes that are not valid UTF-8; undecodable bytes are shown as \uFFFD`,
    };
  }
  return { text: typeof value === 'string' ? value : formatValue(value), note: undefined };
}

function quoteShellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

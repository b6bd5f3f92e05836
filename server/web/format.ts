// Text for people: times, durations and stored values as the pages show them.
import { readWireSeconds } from '../../wire/read-wire-number.ts';
import type { WireValue } from '../../wire/types.ts';
import { encodeAnswerValue } from '../store/tagged-json.ts';

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

/** "0.4 s", "12 s", "3 min 04 s", "1 h 02 min". */
export function formatDuration(value: WireValue | undefined): string {
  const seconds = readWireSeconds(value);
  if (seconds === undefined) {
    return '';
  }
  if (seconds < 10) {
    return `${seconds.toFixed(1)} s`;
  }
  const whole = Math.round(seconds);
  if (whole < 60) {
    return `${whole} s`;
  }
  if (whole < 3600) {
    return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  }
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}

/** A stored value as one line of text: strings as they are, the rest as (tagged) JSON. */
export function formatValue(value: WireValue | undefined): string {
  if (typeof value === 'string') {
    return cleanForDisplay(value);
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
    return cleanForDisplay(JSON.stringify(encodeAnswerValue(value)));
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

/** Captured output as text, with a note when it was not valid UTF-8. */
export function formatOutput(value: WireValue | undefined): { text: string; note: string | undefined } {
  if (value === undefined || value === null || value === '') {
    return { text: '', note: undefined };
  }
  if (Buffer.isBuffer(value)) {
    return {
      text: cleanForDisplay(value.toString('utf8')),
      note: `${value.length} bytes that are not valid UTF-8; undecodable bytes are shown as \uFFFD`,
    };
  }
  return { text: typeof value === 'string' ? cleanForDisplay(value) : formatValue(value), note: undefined };
}

// Colour codes from terminals mean nothing in a page, and other control characters are
// invisible or rejected by HTML; a visible replacement shows that something was there.
function cleanForDisplay(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD');
}

function quoteShellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

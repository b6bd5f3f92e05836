// dateTime.iso8601 carries no agreed time zone. Python's xmlrpc.client writes naive
// `YYYYMMDDTHH:MM:SS` and its parser rejects any zone suffix, so we always write UTC
// without a suffix, and read a value without a zone as UTC. Sub-second precision is lost
// on the wire: Python's format has no fraction.

const ISO_DATE_TIME =
  /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Formats a Date as XML-RPC's `YYYYMMDDTHH:MM:SS`, in UTC. */
export function formatIsoDate(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) {
    throw new TypeError('Cannot serialize an invalid Date to XML-RPC');
  }
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) {
    throw new TypeError(`Cannot serialize the Date ${date.toISOString()} to XML-RPC: its year is outside 1..9999`);
  }
  return (
    pad(year, 4) + pad(date.getUTCMonth() + 1, 2) + pad(date.getUTCDate(), 2) +
    'T' + pad(date.getUTCHours(), 2) + ':' + pad(date.getUTCMinutes(), 2) + ':' + pad(date.getUTCSeconds(), 2)
  );
}

/**
 * Reads `19980717T14:08:55`, `1998-07-17T14:08:55`, with optional fraction and `Z` or
 * `±hh[:mm]` offset; no zone means UTC. Returns undefined when the text is not such a date.
 */
export function parseIsoDate(text: string): Date | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as
    [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
      hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const milliseconds = match[7] ? Number(match[7].slice(0, 3).padEnd(3, '0')) : 0;
  const offsetMinutes = readOffsetMinutes(match[8]);
  if (offsetMinutes === undefined) {
    return undefined;
  }
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 onto 1900..1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, milliseconds);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

function readOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') {
    return 0;
  }
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) {
    return undefined;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

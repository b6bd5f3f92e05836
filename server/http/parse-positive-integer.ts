/** Reads a positive integer key from a URL segment; undefined when it is not one. */
export function parsePositiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,15}$/.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return value > 0 ? value : undefined;
}

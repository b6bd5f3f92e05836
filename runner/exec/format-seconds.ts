// Messages say "2 s" or "0.25 s": milliseconds turned into seconds without float noise.
export function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(3))} s`;
}

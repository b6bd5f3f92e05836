/** "33554432 bytes (32 MiB)": exact for scripts, readable for people. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB'];
  let size = bytes;
  let unit = '';
  for (const candidate of units) {
    if (size < 1024) {
      break;
    }
    size /= 1024;
    unit = candidate;
  }
  const readable = unit === '' ? '' : ` (${Number.isInteger(size) ? size : size.toFixed(1)} ${unit})`;
  return `${bytes} bytes${readable}`;
}

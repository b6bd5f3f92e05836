/** A size in binary units ("32M" is 32 MiB, also "512K", "1G", "1048576", "32MiB"); undefined when it is not one. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(match[1]) * scale;
}

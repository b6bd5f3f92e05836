// UTF-8 continuation bytes look like 10xxxxxx; every other byte starts a character.
function isContinuationByte(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

function getSequenceLength(leadByte: number): number {
  if (leadByte >= 0xf0) return 4;
  if (leadByte >= 0xe0) return 3;
  if (leadByte >= 0xc0) return 2;
  return 1;
}

// Where to end a cut of bytes[0, end) so that its last character is complete.
export function findCompleteEnd(bytes: Uint8Array, end: number): number {
  const earliest = Math.max(0, end - 4);
  for (let index = end - 1; index >= earliest; index--) {
    if (!isContinuationByte(bytes[index])) {
      return index + getSequenceLength(bytes[index]) > end ? index : end;
    }
  }
  // Four continuation bytes in a row are not UTF-8; leave such output as it is.
  return end;
}

// Where to start a cut of bytes[start, length) so that it does not begin inside a character.
export function findCharacterStart(bytes: Uint8Array, start: number): number {
  const latest = Math.min(bytes.length, start + 3);
  for (let index = start; index < latest; index++) {
    if (!isContinuationByte(bytes[index])) return index;
  }
  return latest < bytes.length && !isContinuationByte(bytes[latest]) ? latest : start;
}

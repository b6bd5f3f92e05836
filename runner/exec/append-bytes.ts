// Copies `bytes` after the first `used` bytes of `target`, into a buffer twice as large when
// they do not fit, and returns the buffer that now holds them.
export function appendBytes(target: Buffer, used: number, bytes: Uint8Array): Buffer {
  const needed = used + bytes.length;
  let buffer = target;
  if (needed > target.length) {
    buffer = Buffer.allocUnsafe(Math.max(needed, target.length * 2));
    target.copy(buffer, 0, 0, used);
  }
  buffer.set(bytes, used);
  return buffer;
}

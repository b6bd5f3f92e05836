// Python 3 clients send captured output as bytes, which arrives as base64. Bytes that are
// valid UTF-8 were text all along and are kept as text; other bytes stay bytes, so nothing
// a client sent is ever lost or altered.
import { isWireStruct } from '../../wire/describe-value.ts';
import type { WireStruct, WireValue } from '../../wire/types.ts';

// ignoreBOM keeps a leading U+FEFF as a character instead of silently dropping it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Returns the value with every UTF-8 Buffer inside it replaced by its text. */
export function decodeTextBytes(value: WireValue): WireValue {
  if (Buffer.isBuffer(value)) {
    return decodeUtf8(value) ?? value;
  }
  if (Array.isArray(value)) {
    return value.map(decodeTextBytes);
  }
  // Only structs are walked: a date or a whole double is a value, not a bag of members.
  if (isWireStruct(value)) {
    return decodeStructTextBytes(value);
  }
  return value;
}

export function decodeStructTextBytes(struct: WireStruct): WireStruct {
  const decoded: WireStruct = {};
  for (const key of Object.keys(struct)) {
    const member = struct[key];
    if (member !== undefined) {
      // defineProperty: a member named `__proto__` must stay a member.
      Object.defineProperty(decoded, key, {
        value: decodeTextBytes(member), enumerable: true, writable: true, configurable: true,
      });
    }
  }
  return decoded;
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

// Keeps at most the head and tail of each stream of a step's output, as our own client does
// before sending (docs/PROTOCOL.md, "Bounds"): a client that is not ours may send up to
// --max-body of output, and every page and feed that shows the step would carry all of it.
import type { WireStruct } from '../../wire/types.ts';
import { readInteger } from './field-types.ts';

const STREAMS = ['output', 'errout'] as const;

/** The line that stands where output was cut, like the client's but naming the server. */
export function formatServerCutMarker(cutBytes: number): string {
  return `\n[... ${cutBytes} bytes of output cut by the pony-build server; head and tail kept ...]\n`;
}

/**
 * The step with `output` and `errout` each cut to the first half and the last half of
 * `limitBytes`, and `<stream>_truncated_bytes` counting what was cut, besides what the
 * client says it cut already. Text stays text and bytes stay bytes; a step within the
 * bound is returned as it is.
 */
export function boundStepOutput(step: WireStruct, limitBytes: number): WireStruct {
  let bounded = step;
  for (const stream of STREAMS) {
    const value = step[stream];
    const bytes = typeof value === 'string' ? Buffer.byteLength(value) : Buffer.isBuffer(value) ? value.length : 0;
    if (bytes <= limitBytes) {
      continue;
    }
    const { kept, cutBytes } = cutMiddle(typeof value === 'string' ? Buffer.from(value) : value as Buffer, limitBytes);
    const countKey = `${stream}_truncated_bytes`;
    const cutBefore = readInteger(step[countKey]);
    bounded = {
      ...bounded,
      [stream]: typeof value === 'string' ? kept.toString('utf8') : kept,
      [countKey]: (cutBefore !== undefined && cutBefore > 0 ? cutBefore : 0) + cutBytes,
    };
  }
  return bounded;
}

// Cuts fall between characters, so text stays valid UTF-8 and shows no broken character.
function cutMiddle(bytes: Buffer, limitBytes: number): { kept: Buffer; cutBytes: number } {
  const headLimit = Math.floor(limitBytes / 2);
  const headEnd = backToCharacterStart(bytes, headLimit);
  const tailStart = onToCharacterStart(bytes, bytes.length - (limitBytes - headLimit));
  const cutBytes = tailStart - headEnd;
  const marker = Buffer.from(formatServerCutMarker(cutBytes));
  return { kept: Buffer.concat([bytes.subarray(0, headEnd), marker, bytes.subarray(tailStart)]), cutBytes };
}

// UTF-8 continuation bytes look like 10xxxxxx; a character is at most 4 bytes, so at most 3 are skipped.
function isContinuationByte(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

function backToCharacterStart(bytes: Buffer, offset: number): number {
  let start = offset;
  while (start > offset - 3 && start > 0 && isContinuationByte(bytes[start])) {
    start -= 1;
  }
  return isContinuationByte(bytes[start]) ? offset : start;
}

function onToCharacterStart(bytes: Buffer, offset: number): number {
  let start = offset;
  while (start < offset + 3 && start < bytes.length && isContinuationByte(bytes[start])) {
    start += 1;
  }
  return isContinuationByte(bytes[start]) ? offset : start;
}

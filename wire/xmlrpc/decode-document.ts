import { TextDecoder } from 'node:util';
import { XmlRpcParseError } from './errors.ts';

const ENCODING_DECLARATION = /^<\?xml[^?]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;
const UTF8_LABELS = new Set(['utf-8', 'utf8']);

/**
 * Turns the request or response body into text, refusing it before any decoding when it
 * is over `maxBytes`. Honours a BOM and the XML declaration's encoding; invalid bytes are
 * an error rather than silently replaced, as an XML parser must.
 */
export function decodeDocument(xml: string | Buffer, maxBytes: number): string {
  if (typeof xml === 'string') {
    refuseOversizedString(xml, maxBytes);
    return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  }
  if (!Buffer.isBuffer(xml)) {
    throw new XmlRpcParseError(`expected the document as a string or Buffer, got ${typeof xml}`);
  }
  if (xml.length > maxBytes) {
    throw new XmlRpcParseError(`document larger than ${maxBytes} bytes (${xml.length} bytes)`);
  }
  const encoding = detectEncoding(xml);
  return decodeBytes(xml, encoding);
}

function refuseOversizedString(xml: string, maxBytes: number): void {
  // UTF-8 needs at most 3 bytes per UTF-16 unit, so most strings need no byte count.
  if (xml.length <= maxBytes / 3) {
    return;
  }
  const bytes = xml.length > maxBytes ? xml.length : Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) {
    throw new XmlRpcParseError(`document larger than ${maxBytes} bytes (at least ${bytes} bytes)`);
  }
}

function detectEncoding(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return 'utf-8';
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'utf-16le';
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'utf-16be';
  }
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, 200));
  return ENCODING_DECLARATION.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
}

function decodeBytes(bytes: Buffer, encoding: string): string {
  let decoder: TextDecoder;
  try {
    // TextDecoder drops a matching BOM itself.
    decoder = new TextDecoder(UTF8_LABELS.has(encoding) ? 'utf-8' : encoding, { fatal: true });
  } catch {
    throw new XmlRpcParseError(`unsupported encoding '${encoding}'`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new XmlRpcParseError(`document is not valid ${encoding}`);
  }
}

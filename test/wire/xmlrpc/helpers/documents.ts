// Builders for small XML-RPC documents, so tests state only the part that matters.
import type { WireValue } from '../../../../wire/types.ts';
import { serializeMethodResponse } from '../../../../wire/xmlrpc/index.ts';

/** The `<value>…</value>` our serializer writes for one value. */
export function writeValueXml(value: WireValue): string {
  const document = serializeMethodResponse(value);
  return document.slice(document.indexOf('<param>') + '<param>'.length, document.lastIndexOf('</param>'));
}

/** A methodCall document with the given `<param>` contents (each a `<value>…</value>`). */
export function makeCallDocument(methodName: string, valueXmls: string[]): string {
  const params = valueXmls.map((xml) => `<param>${xml}</param>`).join('');
  return `<?xml version="1.0"?><methodCall><methodName>${methodName}</methodName><params>${params}</params></methodCall>`;
}

/** A methodResponse document carrying one `<value>…</value>`. */
export function makeResponseDocument(valueXml: string): string {
  return `<?xml version="1.0"?><methodResponse><params><param>${valueXml}</param></params></methodResponse>`;
}

/** `depth` arrays, each holding the next, around an int. */
export function makeNestedArrays(depth: number): string {
  return '<value><array><data>'.repeat(depth) + '<value><int>1</int></value>' + '</data></array></value>'.repeat(depth);
}

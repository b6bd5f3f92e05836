import { describeValue } from '../describe-value.ts';
import type { WireValue } from '../types.ts';
import { canCarryAsXmlText, escapeXmlText, replaceCharactersXmlCannotCarry } from './escape.ts';
import { serializeValue } from './serialize-value.ts';

const XML_DECLARATION = '<?xml version="1.0"?>\n';

/** The body of an XML-RPC request calling `methodName` with `params`. */
export function serializeMethodCall(methodName: string, params: WireValue[]): string {
  validateMethodName(methodName);
  if (!Array.isArray(params)) {
    throw new TypeError(`Expected the params of ${methodName} to be an array, got ${describeValue(params)}`);
  }
  const out = [XML_DECLARATION, '<methodCall>\n<methodName>', escapeXmlText(methodName), '</methodName>\n<params>\n'];
  params.forEach((param, index) => {
    out.push('<param>');
    serializeValue(param, out, `params[${index}]`);
    out.push('</param>\n');
  });
  out.push('</params>\n</methodCall>\n');
  return out.join('');
}

/** The body of a successful XML-RPC response carrying `value`. */
export function serializeMethodResponse(value: WireValue): string {
  const out = [XML_DECLARATION, '<methodResponse>\n<params>\n<param>'];
  serializeValue(value, out, 'result');
  out.push('</param>\n</params>\n</methodResponse>\n');
  return out.join('');
}

/** The body of an XML-RPC fault response. */
export function serializeFault(faultCode: number, faultString: string): string {
  if (!Number.isInteger(faultCode) || faultCode < -(2 ** 31) || faultCode > 2 ** 31 - 1) {
    throw new TypeError(`Expected faultCode to be a 32-bit integer, got ${describeValue(faultCode)}`);
  }
  // A fault string must stay a string for every client, so unsendable characters are replaced.
  const text = escapeXmlText(replaceCharactersXmlCannotCarry(String(faultString)));
  return (
    XML_DECLARATION +
    '<methodResponse>\n<fault>\n<value><struct>\n' +
    `<member><name>faultCode</name><value><int>${faultCode}</int></value></member>\n` +
    `<member><name>faultString</name><value><string>${text}</string></value></member>\n` +
    '</struct></value>\n</fault>\n</methodResponse>\n'
  );
}

function validateMethodName(methodName: string): void {
  if (typeof methodName !== 'string' || methodName.length === 0 || !canCarryAsXmlText(methodName)) {
    throw new TypeError(
      `Expected the XML-RPC method name to be a non-empty string XML can carry, got \`${JSON.stringify(methodName)}\``,
    );
  }
}

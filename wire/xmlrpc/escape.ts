// XML 1.0 forbids most C0 controls (even as character references), lone surrogates and
// U+FFFE/U+FFFF. A string holding any of them cannot travel as <string>.
const CHARACTERS_XML_CANNOT_CARRY = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const MARKUP_CHARACTERS = /[&<>\r]/;
const MARKUP_CHARACTERS_GLOBAL = /[&<>\r]/g;

const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // A literal CR would be turned into LF by every conforming parser; a reference survives.
  '\r': '&#13;',
};

/** True when every character of the string can appear in an XML 1.0 document. */
export function canCarryAsXmlText(text: string): boolean {
  return !CHARACTERS_XML_CANNOT_CARRY.test(text);
}

/** Escapes every `&`, `<`, `>` and CR, so no text can close or open markup. */
export function escapeXmlText(text: string): string {
  if (!MARKUP_CHARACTERS.test(text)) {
    return text;
  }
  return text.replace(MARKUP_CHARACTERS_GLOBAL, (character) => REPLACEMENTS[character]!);
}

/** Replaces what XML cannot carry with U+FFFD, for text that must stay a string. */
export function replaceCharactersXmlCannotCarry(text: string): string {
  return text.replace(new RegExp(CHARACTERS_XML_CANNOT_CARRY.source, 'gu'), '\uFFFD');
}

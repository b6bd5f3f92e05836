import { decodeEntities } from './entities.ts';

/** What the scanner reports; the grammar lives in the receiver. */
export interface ScanReceiver {
  openElement(name: string, offset: number): void;
  closeElement(name: string, offset: number): void;
  /** Character data, already decoded; CDATA arrives as its own piece. */
  text(text: string, offset: number): void;
  /** Raised by the scanner for malformed markup; must throw. */
  fail(reason: string, offset: number): never;
}

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;
const QUESTION_MARK = 0x3f;
const EXCLAMATION_MARK = 0x21;

/**
 * A scanner for the XML subset XML-RPC uses: elements, attributes (skipped), character
 * data, references, CDATA, comments and processing instructions. Anything that could make
 * the document define its own entities (a DOCTYPE) is refused outright. Line endings in
 * character data are deliberately not normalized: Python's client writes a CR raw, and
 * keeping it is the only way a build log's `\r` survives the trip.
 */
export function scanXml(text: string, receiver: ScanReceiver): void {
  const failure = { reason: '', offset: 0 };
  const length = text.length;
  let position = 0;
  while (position < length) {
    const lessThan = text.indexOf('<', position);
    const textEnd = lessThan === -1 ? length : lessThan;
    if (textEnd > position) {
      const decoded = decodeEntities(text.slice(position, textEnd), failure);
      if (decoded === undefined) {
        receiver.fail(failure.reason, position + failure.offset);
      }
      receiver.text(decoded, position);
    }
    if (lessThan === -1) {
      return;
    }
    const next = text.charCodeAt(lessThan + 1);
    if (next === SLASH) {
      position = scanEndTag(text, lessThan, receiver);
    } else if (next === QUESTION_MARK) {
      position = skipPast(text, lessThan, '?>', 'processing instruction', receiver);
    } else if (next === EXCLAMATION_MARK) {
      position = scanDeclaration(text, lessThan, receiver);
    } else {
      position = scanStartTag(text, lessThan, receiver);
    }
  }
}

function scanEndTag(text: string, start: number, receiver: ScanReceiver): number {
  const greaterThan = text.indexOf('>', start + 2);
  if (greaterThan === -1) {
    receiver.fail('unterminated end tag', start);
  }
  receiver.closeElement(text.slice(start + 2, greaterThan).trimEnd(), start);
  return greaterThan + 1;
}

function scanDeclaration(text: string, start: number, receiver: ScanReceiver): number {
  if (text.startsWith('<!--', start)) {
    return skipPast(text, start, '-->', 'comment', receiver);
  }
  if (text.startsWith('<![CDATA[', start)) {
    const end = text.indexOf(']]>', start + 9);
    if (end === -1) {
      receiver.fail('unterminated CDATA section', start);
    }
    receiver.text(text.slice(start + 9, end), start);
    return end + 3;
  }
  if (text.startsWith('<!DOCTYPE', start)) {
    receiver.fail('DOCTYPE is not allowed', start);
  }
  receiver.fail(`unexpected markup '${text.slice(start, start + 12)}'`, start);
}

function scanStartTag(text: string, start: number, receiver: ScanReceiver): number {
  let position = start + 1;
  let code = text.charCodeAt(position);
  while (position < text.length && !isNameEnd(code)) {
    code = text.charCodeAt(++position);
  }
  const name = text.slice(start + 1, position);
  if (name.length === 0) {
    receiver.fail(`invalid tag '${text.slice(start, start + 12)}'`, start);
  }
  position = skipAttributes(text, position, receiver);
  receiver.openElement(name, start);
  if (text.charCodeAt(position) === SLASH) {
    receiver.closeElement(name, start);
    return position + 2;
  }
  return position + 1;
}

// XML-RPC has no attributes, but peers put namespace declarations on the root
// (Apache's `xmlns:ex` for <ex:nil/>). Returns the position of `>` or of `/>`.
function skipAttributes(text: string, position: number, receiver: ScanReceiver): number {
  for (;;) {
    const code = text.charCodeAt(position);
    if (code === GREATER_THAN) {
      return position;
    }
    if (code === SLASH && text.charCodeAt(position + 1) === GREATER_THAN) {
      return position;
    }
    if (isWhitespace(code)) {
      position++;
      continue;
    }
    const attribute = /^[^\s=<>/"']+\s*=\s*("[^"<]*"|'[^'<]*')/.exec(text.slice(position, position + 4096));
    if (!attribute) {
      receiver.fail(
        position >= text.length ? 'unterminated start tag' : `malformed attribute '${text.slice(position, position + 20)}'`,
        position,
      );
    }
    position += attribute[0].length;
  }
}

function skipPast(text: string, start: number, terminator: string, what: string, receiver: ScanReceiver): number {
  const end = text.indexOf(terminator, start + 2);
  if (end === -1) {
    receiver.fail(`unterminated ${what}`, start);
  }
  return end + terminator.length;
}

function isNameEnd(code: number): boolean {
  return code === GREATER_THAN || code === SLASH || isWhitespace(code) || code === LESS_THAN;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

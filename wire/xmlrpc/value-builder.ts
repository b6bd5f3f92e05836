import type { WireStruct, WireValue } from '../types.ts';
import { XmlRpcParseError } from './errors.ts';
import { locateOffset } from './locate-offset.ts';
import { convertScalar, readScalarType, type ScalarType } from './scalars.ts';
import type { ScanReceiver } from './scan.ts';

// Element kinds; numbers rather than strings keep the hot switch cheap.
const CALL = 0;
const RESPONSE = 1;
const METHOD_NAME = 2;
const PARAMS = 3;
const PARAM = 4;
const FAULT = 5;
const VALUE = 6;
const SCALAR = 7;
const ARRAY = 8;
const DATA = 9;
const STRUCT = 10;
const MEMBER = 11;
const NAME = 12;

interface Frame {
  kind: number;
  /** The tag as written, which the end tag must repeat. */
  name: string;
  /** Character data so far (value, scalar, methodName, name). */
  text: string;
  /** The finished child value, or the array/struct being filled. */
  value: WireValue | undefined;
  /** Whether the one child this element may hold has been seen. */
  filled: boolean;
  /** A member's name, once its <name> has closed. */
  key: string | undefined;
  scalar: ScalarType | undefined;
}

export type RootElement = 'methodCall' | 'methodResponse';

const WHITESPACE_ONLY = /^[ \t\r\n]*$/;

/**
 * Builds the values of a methodCall or methodResponse from scanner events, checking the
 * XML-RPC grammar as it goes. The element stack is an array, so nesting depth costs
 * memory bounded by `maxDepth`, never call-stack frames.
 */
export class ValueBuilder implements ScanReceiver {
  methodName: string | undefined;
  readonly params: WireValue[] = [];
  /** The fault's value, when the response is a fault. */
  fault: WireValue | undefined;
  isFault = false;

  private readonly stack: Frame[] = [];
  private valueDepth = 0;
  private finished = false;

  constructor(
    private readonly document: string,
    private readonly root: RootElement,
    private readonly maxDepth: number,
  ) {}

  openElement(name: string, offset: number): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      this.openRoot(name, offset);
      return;
    }
    switch (parent.kind) {
      case CALL:
        return this.openInCall(parent, name, offset);
      case RESPONSE:
        return this.openInResponse(parent, name, offset);
      case PARAMS:
        this.expect(parent, name, 'param', offset);
        this.push(PARAM, name);
        return;
      case PARAM:
      case FAULT:
      case DATA:
        this.expect(parent, name, 'value', offset);
        this.openValue(parent, name, offset);
        return;
      case VALUE:
        return this.openInValue(parent, name, offset);
      case ARRAY:
        if (parent.filled) {
          this.fail('more than one <data> inside <array>', offset);
        }
        this.expect(parent, name, 'data', offset);
        parent.filled = true;
        this.push(DATA, name).value = parent.value;
        return;
      case STRUCT:
        this.expect(parent, name, 'member', offset);
        this.push(MEMBER, name);
        return;
      case MEMBER:
        return this.openInMember(parent, name, offset);
      default:
        this.fail(`unexpected <${name}> inside <${parent.name}>`, offset);
    }
  }

  closeElement(name: string, offset: number): void {
    const frame = this.stack.pop();
    if (frame === undefined) {
      this.fail(`unexpected end tag </${name}>`, offset);
    }
    if (frame.name !== name) {
      this.fail(`unbalanced tag: expected </${frame.name}>, found </${name}>`, offset);
    }
    const parent = this.stack[this.stack.length - 1]!;
    switch (frame.kind) {
      case CALL:
      case RESPONSE:
        return this.closeRoot(frame, offset);
      case METHOD_NAME:
        this.methodName = frame.text.trim();
        if (this.methodName === '') {
          this.fail('empty <methodName>', offset);
        }
        return;
      case PARAMS:
        if (this.root === 'methodResponse' && this.params.length !== 1) {
          this.fail(`a method response must hold exactly one <param>, found ${this.params.length}`, offset);
        }
        return;
      case PARAM:
        this.requireChild(frame, 'value', offset);
        this.params.push(frame.value!);
        return;
      case FAULT:
        this.requireChild(frame, 'value', offset);
        this.fault = frame.value;
        return;
      case VALUE:
        this.valueDepth--;
        return this.deliverValue(parent, frame.filled ? frame.value! : frame.text);
      case SCALAR:
        parent.value = this.convertScalarFrame(frame, offset);
        return;
      case ARRAY:
        this.requireChild(frame, 'data', offset);
        return;
      case MEMBER:
        return this.closeMember(parent, frame, offset);
      case NAME:
        parent.key = frame.text;
        return;
    }
  }

  text(text: string, offset: number): void {
    const frame = this.stack[this.stack.length - 1];
    switch (frame?.kind) {
      case VALUE:
        if (frame.filled) {
          this.requireWhitespace(text, `after the value inside <${frame.name}>`, offset);
        } else {
          frame.text += text;
        }
        return;
      case SCALAR:
      case METHOD_NAME:
      case NAME:
        frame.text += text;
        return;
      case undefined:
        this.requireWhitespace(text, this.finished ? 'after the root element' : 'before the root element', offset);
        return;
      default:
        this.requireWhitespace(text, `inside <${frame.name}>`, offset);
    }
  }

  /** Checks that the document ended with every element closed. */
  finish(): void {
    const open = this.stack[this.stack.length - 1];
    if (open !== undefined) {
      this.fail(`unexpected end of document: <${open.name}> is not closed`, this.document.length);
    }
    if (!this.finished) {
      this.fail(`no <${this.root}> element in the document`, this.document.length);
    }
  }

  fail(reason: string, offset: number): never {
    throw new XmlRpcParseError(reason, locateOffset(this.document, offset));
  }

  private openRoot(name: string, offset: number): void {
    if (this.finished) {
      this.fail(`unexpected <${name}> after the root element`, offset);
    }
    if (name !== this.root) {
      this.fail(`wrong root element <${name}>, expected <${this.root}>`, offset);
    }
    this.push(this.root === 'methodCall' ? CALL : RESPONSE, name);
  }

  private openInCall(call: Frame, name: string, offset: number): void {
    if (name === 'methodName' && this.methodName === undefined) {
      this.push(METHOD_NAME, name);
    } else if (name === 'params' && !call.filled) {
      call.filled = true;
      this.push(PARAMS, name);
    } else {
      this.fail(`unexpected <${name}> inside <${call.name}>`, offset);
    }
  }

  private openInResponse(response: Frame, name: string, offset: number): void {
    if (response.filled || (name !== 'params' && name !== 'fault')) {
      this.fail(`unexpected <${name}> inside <${response.name}>, expected one <params> or <fault>`, offset);
    }
    response.filled = true;
    this.isFault = name === 'fault';
    this.push(this.isFault ? FAULT : PARAMS, name);
  }

  private openValue(parent: Frame, name: string, offset: number): void {
    if (parent.kind !== DATA) {
      if (parent.filled) {
        this.fail(`more than one <value> inside <${parent.name}>`, offset);
      }
      parent.filled = true;
    }
    if (++this.valueDepth > this.maxDepth) {
      this.fail(`nesting deeper than ${this.maxDepth} values`, offset);
    }
    this.push(VALUE, name);
  }

  private openInValue(value: Frame, name: string, offset: number): void {
    if (value.filled) {
      this.fail(`more than one value inside <${value.name}>: unexpected <${name}>`, offset);
    }
    this.requireWhitespace(value.text, `before <${name}> inside <${value.name}>`, offset);
    value.filled = true;
    if (name === 'array' || name === 'struct') {
      const container: WireValue = name === 'array' ? [] : {};
      value.value = container;
      this.push(name === 'array' ? ARRAY : STRUCT, name).value = container;
      return;
    }
    const scalar = readScalarType(name);
    if (scalar === undefined) {
      this.fail(`unknown value type <${name}>`, offset);
    }
    this.push(SCALAR, name).scalar = scalar;
  }

  private openInMember(member: Frame, name: string, offset: number): void {
    if (name === 'name' && member.key === undefined && !member.filled) {
      this.push(NAME, name);
    } else if (name === 'value' && member.key !== undefined) {
      this.openValue(member, name, offset);
    } else if (name === 'value') {
      this.fail('<value> before <name> inside <member>', offset);
    } else {
      this.fail(`unexpected <${name}> inside <member>, expected <name> then <value>`, offset);
    }
  }

  private closeRoot(frame: Frame, offset: number): void {
    if (frame.kind === CALL && this.methodName === undefined) {
      this.fail('<methodCall> without <methodName>', offset);
    }
    if (frame.kind === RESPONSE && !frame.filled) {
      this.fail('<methodResponse> without <params> or <fault>', offset);
    }
    this.finished = true;
  }

  private closeMember(struct: Frame, member: Frame, offset: number): void {
    if (member.key === undefined) {
      this.fail('<member> without <name>', offset);
    }
    this.requireChild(member, 'value', offset);
    // defineProperty, unlike assignment, makes "__proto__" an ordinary own member.
    Object.defineProperty(struct.value as WireStruct, member.key, {
      value: member.value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }

  private deliverValue(parent: Frame, value: WireValue): void {
    if (parent.kind === DATA) {
      (parent.value as WireValue[]).push(value);
    } else {
      parent.value = value;
    }
  }

  private convertScalarFrame(frame: Frame, offset: number): WireValue {
    const value = convertScalar(frame.scalar!, frame.text);
    if (value === undefined) {
      this.fail(`invalid <${frame.name}> value '${excerpt(frame.text)}'`, offset);
    }
    return value;
  }

  private expect(parent: Frame, name: string, expected: string, offset: number): void {
    if (name !== expected) {
      this.fail(`unexpected <${name}> inside <${parent.name}>, expected <${expected}>`, offset);
    }
  }

  private requireChild(frame: Frame, child: string, offset: number): void {
    if (!frame.filled) {
      this.fail(`<${frame.name}> without <${child}>`, offset);
    }
  }

  private requireWhitespace(text: string, where: string, offset: number): void {
    if (!WHITESPACE_ONLY.test(text)) {
      this.fail(`unexpected text '${excerpt(text.trim())}' ${where}`, offset);
    }
  }

  private push(kind: number, name: string): Frame {
    const frame: Frame = { kind, name, text: '', value: undefined, filled: false, key: undefined, scalar: undefined };
    this.stack.push(frame);
    return frame;
  }
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

import { describeValue, isWireStruct } from '../describe-value.ts';
import { WholeDouble } from '../whole-double.ts';
import { formatIsoDate } from './date.ts';
import { canCarryAsXmlText, escapeXmlText } from './escape.ts';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// Work items of the explicit stack: a value still to write, or markup closing a container.
interface PendingValue {
  value: unknown;
  /** How the value was reached, for error messages; built only when something fails. */
  key: string | number | undefined;
  parent: PendingValue | undefined;
}
interface PendingMarkup {
  markup: string;
  /** The container this markup closes, so cycle detection can forget it. */
  closes: object | undefined;
}
type Pending = PendingValue | PendingMarkup;

/**
 * Appends `<value>…</value>` for a value to `out`. Walks with an explicit stack, so
 * nesting depth is bounded by memory rather than the call stack; refuses cycles.
 */
export function serializeValue(value: unknown, out: string[], path: string): void {
  const stack: Pending[] = [{ value, key: undefined, parent: undefined }];
  const open = new Set<object>();
  while (stack.length > 0) {
    const pending = stack.pop()!;
    if ('markup' in pending) {
      out.push(pending.markup);
      if (pending.closes) {
        open.delete(pending.closes);
      }
      continue;
    }
    const current = pending.value;
    if (Array.isArray(current)) {
      enterContainer(current, open, pending, path);
      out.push('<value><array><data>');
      stack.push({ markup: '</data></array></value>', closes: current });
      for (let index = current.length - 1; index >= 0; index--) {
        stack.push({ value: current[index], key: index, parent: pending });
      }
    } else if (isWireStruct(current)) {
      // Only plain objects become structs: a Map or class instance would silently lose its meaning.
      enterContainer(current, open, pending, path);
      out.push('<value><struct>');
      stack.push({ markup: '</struct></value>', closes: current });
      const keys = Object.keys(current).filter((key) => current[key] !== undefined);
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index]!;
        stack.push({ markup: '</member>', closes: undefined });
        stack.push({ value: current[key], key, parent: pending });
        stack.push({ markup: `<member><name>${escapeMemberName(key, pending, path)}</name>`, closes: undefined });
      }
    } else {
      out.push(serializeScalar(current, pending, path));
    }
  }
}

function serializeScalar(value: unknown, pending: PendingValue, path: string): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value);
    case 'number':
      return serializeNumber(value, pending, path);
    case 'bigint':
      return serializeBigInt(value, pending, path);
    case 'boolean':
      return value ? '<value><boolean>1</boolean></value>' : '<value><boolean>0</boolean></value>';
    case 'undefined':
      return '<value><nil/></value>';
    case 'object':
      return serializeObjectScalar(value, pending, path);
    default:
      throw new TypeError(`Cannot serialize ${describeValue(value)} at ${formatPath(pending, path)} to XML-RPC`);
  }
}

function serializeString(value: string): string {
  if (canCarryAsXmlText(value)) {
    return `<value><string>${escapeXmlText(value)}</string></value>`;
  }
  // Python's client does the same with output it cannot send as text: the peer gets bytes.
  return `<value><base64>${Buffer.from(value, 'utf8').toString('base64')}</base64></value>`;
}

function serializeNumber(value: number, pending: PendingValue, path: string): string {
  if (!Number.isFinite(value)) {
    throw new TypeError(
      `Cannot serialize ${String(value)} at ${formatPath(pending, path)}: XML-RPC has no representation for NaN or infinities`,
    );
  }
  if (Number.isInteger(value) && !Object.is(value, -0)) {
    if (value >= INT32_MIN && value <= INT32_MAX) {
      return `<value><int>${value}</int></value>`;
    }
    const wide = BigInt(value);
    if (wide >= INT64_MIN && wide <= INT64_MAX) {
      return `<value><i8>${wide}</i8></value>`;
    }
  }
  return `<value><double>${String(value)}</double></value>`;
}

function serializeBigInt(value: bigint, pending: PendingValue, path: string): string {
  if (value < INT64_MIN || value > INT64_MAX) {
    throw new TypeError(
      `Cannot serialize the bigint ${value} at ${formatPath(pending, path)}: <i8> holds only signed 64-bit integers`,
    );
  }
  return `<value><i8>${value}</i8></value>`;
}

function serializeObjectScalar(value: object | null, pending: PendingValue, path: string): string {
  if (value === null) {
    return '<value><nil/></value>';
  }
  if (value instanceof Date) {
    return `<value><dateTime.iso8601>${formatIsoDate(value)}</dateTime.iso8601></value>`;
  }
  if (value instanceof Uint8Array) {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return `<value><base64>${bytes.toString('base64')}</base64></value>`;
  }
  if (value instanceof WholeDouble) {
    return `<value><double>${formatWholeDouble(value.value)}</double></value>`;
  }
  throw new TypeError(`Cannot serialize ${describeValue(value)} at ${formatPath(pending, path)} to XML-RPC`);
}

// As Python's repr writes a whole float: `2.0`, or with an exponent (`1e+21`) when JavaScript uses one.
function formatWholeDouble(value: number): string {
  const text = String(value);
  return text.includes('e') ? text : `${text}.0`;
}

function escapeMemberName(name: string, pending: PendingValue, path: string): string {
  if (!canCarryAsXmlText(name)) {
    throw new TypeError(
      `Cannot serialize the struct member name ${JSON.stringify(name)} at ${formatPath(pending, path)}: ` +
        'it holds characters XML 1.0 cannot carry',
    );
  }
  return escapeXmlText(name);
}

function enterContainer(container: object, open: Set<object>, pending: PendingValue, path: string): void {
  if (open.has(container)) {
    throw new TypeError(`Cannot serialize a cyclic structure to XML-RPC: ${formatPath(pending, path)} contains itself`);
  }
  open.add(container);
}

function formatPath(pending: PendingValue, root: string): string {
  const parts: string[] = [];
  for (let step: PendingValue | undefined = pending; step?.key !== undefined; step = step.parent) {
    parts.unshift(formatPathStep(step.key));
  }
  return root + parts.join('');
}

function formatPathStep(key: string | number): string {
  if (typeof key === 'number') {
    return `[${key}]`;
  }
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

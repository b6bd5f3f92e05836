// XML-RPC tells `<double>2.0</double>` from `<int>2</int>`; a JavaScript number cannot. A whole
// double (Python's 2.0, a time on a whole second) is kept in this wrapper, so that it is stored
// and answered as a double again (docs/PROTOCOL.md, "Values on the wire").

/** A double whose value is whole: finite, an integer, and not −0 (which stays a plain number). */
export class WholeDouble {
  readonly value: number;

  constructor(value: number) {
    if (!isWholeNumber(value)) {
      throw new RangeError(`A WholeDouble holds a finite whole number other than -0, got ${String(value)}`);
    }
    this.value = value;
    Object.freeze(this);
  }

  /** Arithmetic and comparisons see the number. */
  valueOf(): number {
    return this.value;
  }

  /** JSON has no int/double distinction, so the number itself. */
  toJSON(): number {
    return this.value;
  }

  toString(): string {
    return String(this.value);
  }
}

/** A double as the wire carries it: whole ones wrapped, others (and −0) as plain numbers. */
export function toWireDouble(value: number): number | WholeDouble {
  return isWholeNumber(value) ? new WholeDouble(value) : value;
}

function isWholeNumber(value: number): boolean {
  return Number.isInteger(value) && !Object.is(value, -0);
}

// What can be wrong with an XML-RPC call before its method runs, and with the answer after.
import { DomainError } from '../errors/domain-error.ts';

/** The body is not a well-formed XML-RPC methodCall. */
export class MalformedCallError extends DomainError {
  override name = 'MalformedCallError';

  constructor(reason: string, cause?: unknown) {
    super('malformed', `malformed XML-RPC request: ${reason}`, { cause });
  }
}

/** No method has this name. */
export class UnknownMethodError extends DomainError {
  override name = 'UnknownMethodError';
  readonly methodName: string;

  constructor(methodName: string, known: readonly string[]) {
    super('unknown-method', `unknown method ${JSON.stringify(methodName)}; known: ${known.join(', ')}`);
    this.methodName = methodName;
  }
}

/** The call's arguments do not fit the method: too few, too many, or one of the wrong type. */
export class InvalidArgumentsError extends DomainError {
  override name = 'InvalidArgumentsError';
  readonly methodName: string;

  constructor(methodName: string, problem: string) {
    super('invalid', `${methodName} ${problem}`);
    this.methodName = methodName;
  }
}

/** The method's answer holds a value XML-RPC cannot write (a NaN, a member name XML cannot carry). */
export class UnanswerableValueError extends DomainError {
  override name = 'UnanswerableValueError';

  constructor(cause: Error) {
    super('internal', `the answer holds a value XML-RPC cannot carry (${cause.message})`, { cause });
  }
}

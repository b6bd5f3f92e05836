// The refusals of admin accounts and sign-ins. No message holds a password, even a wrong one.
import { DomainError } from '../errors/domain-error.ts';

/** A password too short to be an admin's: empty, or under the minimum length. */
export class WeakPasswordError extends DomainError {
  override name = 'WeakPasswordError';

  constructor(readonly length: number, readonly minimum: number) {
    super('invalid', length === 0
      ? `the password is empty; an admin's needs at least ${minimum} characters`
      : `the password has ${length} characters; an admin's needs at least ${minimum}`);
  }
}

export class UnknownAdminError extends DomainError {
  override name = 'UnknownAdminError';

  constructor(readonly adminName: string) {
    super('not-found', `no admin is named ${JSON.stringify(adminName)}; \`pony-build admins list\` shows them`);
  }
}

/** A sign-in with a wrong name or password; which of the two is never said. */
export class WrongSignInError extends DomainError {
  override name = 'WrongSignInError';

  constructor() {
    super('unauthenticated', 'wrong name or password');
  }
}

/** A web write action or, under --private, any page, asked for without an admin session. */
export class AdminSessionRequiredError extends DomainError {
  override name = 'AdminSessionRequiredError';

  constructor(what: string) {
    super('forbidden', `${what} needs an admin session: sign in first (\`pony-build admins add NAME\` makes an admin)`);
  }
}

/** A form without the token of this visitor's session or cookie: stale (an old page) or forged by another site. */
export class StaleFormError extends DomainError {
  override name = 'StaleFormError';

  constructor(problem: string) {
    super('forbidden', `This form was stale or forged (${problem}): reload the page and send it again.`);
  }
}

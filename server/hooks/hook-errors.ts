// Why a push hook was refused (docs/PROTOCOL.md, "Push hooks"); answered as {"error"} like the JSON API.
import { DomainError } from '../errors/domain-error.ts';

/** The hook's signature or token is missing, malformed or wrong, or its forge has no secret configured: nothing is requested. */
export class HookSignatureError extends DomainError {
  override name = 'HookSignatureError';

  constructor(message: string) {
    super('unauthenticated', message);
  }
}

/** The hook's headers or body are not a forge's push hook. */
export class HookPayloadError extends DomainError {
  override name = 'HookPayloadError';

  constructor(message: string) {
    super('malformed', message);
  }
}

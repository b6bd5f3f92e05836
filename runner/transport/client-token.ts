// The client token a client presents to a server with --auth tokens or capped (docs/PROTOCOL.md,
// "Authentication"): NAME:TOKEN, as `pony-build tokens add` printed it. It comes from the server
// URL's user info, else --token, else $PONY_BUILD_TOKEN, and is sent as HTTP Basic auth. No
// message ever shows it.

export const CLIENT_TOKEN_VARIABLE = 'PONY_BUILD_TOKEN';

export interface ClientToken {
  name: string;
  secret: string;
}

/** A --token (or $PONY_BUILD_TOKEN) that is not NAME:TOKEN; the message names where it came from, never its value. */
export class ClientTokenError extends Error {
  override name = 'ClientTokenError';

  constructor(readonly source: string, problem: string) {
    super(`expected ${source} to be NAME:TOKEN, as \`pony-build tokens add\` printed it, got ${problem}`);
  }
}

/** --token when given, else $PONY_BUILD_TOKEN (empty counts as unset); undefined for neither. */
export function pickClientToken(flagValue: string | undefined, env: NodeJS.ProcessEnv): ClientToken | undefined {
  if (flagValue !== undefined) {
    return readClientToken(flagValue, '--token');
  }
  const fromEnvironment = env[CLIENT_TOKEN_VARIABLE];
  return fromEnvironment === undefined || fromEnvironment === '' ? undefined : readClientToken(fromEnvironment, CLIENT_TOKEN_VARIABLE);
}

function readClientToken(value: string, source: string): ClientToken {
  const colon = value.indexOf(':');
  if (colon < 0) {
    throw new ClientTokenError(source, `a value without a colon (${value.length} characters)`);
  }
  const name = value.slice(0, colon);
  const secret = value.slice(colon + 1);
  if (name === '' || secret === '') {
    throw new ClientTokenError(source, name === '' ? 'no NAME before the colon' : 'no TOKEN after the colon');
  }
  return { name, secret };
}

// The client token a request presents (docs/PROTOCOL.md, "Authentication"): HTTP Basic auth,
// which Python's xmlrpc.client sends for http://NAME:TOKEN@host/xmlrpc, or a bearer token.
// What cannot be read is described by its shape only: the header holds a secret.
import type { Context } from 'koa';
import type { Credentials } from './types.ts';

/** The request's credentials, or undefined when it sent no Authorization header. */
export function readCredentials(ctx: Context): Credentials | undefined {
  const header = ctx.get('Authorization').trim();
  if (header === '') {
    return undefined;
  }
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'basic':
      return readBasic(value);
    case 'bearer':
      return value === '' ? { scheme: 'malformed', problem: 'the Bearer header holds no token' } : { scheme: 'bearer', secret: value };
    default:
      return { scheme: 'malformed', problem: `its scheme is ${JSON.stringify(scheme.slice(0, 20))}, not Basic or Bearer` };
  }
}

function readBasic(value: string): Credentials {
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 1) {
    return { scheme: 'malformed', problem: 'the Basic credentials are not the base64 of NAME:TOKEN' };
  }
  return { scheme: 'basic', name: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

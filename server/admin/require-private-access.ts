// serve --private: nothing is shown without an admin session. Pages send the visitor to sign
// in and come back; the JSON API answers 401, except to a client with a valid client token.
// Open to all: the sign-in form, the stylesheet and script, the health check, and the protocol's
// writes (XML-RPC, uploads, JSON posts, forges' push hooks), which keep their own rules; XML-RPC's
// read methods need a session or a client token, as JSON reads do.
import type { Context, Middleware } from 'koa';
import { readCredentials } from '../auth/read-credentials.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { DomainError } from '../errors/domain-error.ts';
import { AdminSessionRequiredError } from './admin-errors.ts';
import { readRequestViewer } from './viewer.ts';

const OPEN_PATHS = new Set(['/login', '/logout', '/healthz', '/xmlrpc', '/upload']);

/** A JSON read of a private server without a session or a valid client token. */
export class PrivateServerError extends DomainError {
  override name = 'PrivateServerError';

  constructor() {
    super('unauthenticated', 'this server is private: sign in as an admin, or send a client token as HTTP Basic auth or Authorization: Bearer TOKEN');
  }
}

export function requirePrivateAccess(coordinator: Coordinator): Middleware {
  return async (ctx, next) => {
    if (isOpenToAll(ctx) || readRequestViewer(ctx).session) {
      await next();
      return;
    }
    if (ctx.path.startsWith('/api/')) {
      await checkClientToken(ctx, coordinator);
    } else if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      ctx.set('Cache-Control', 'no-store');
      ctx.redirect(`${ctx.state.basePath}/login?next=${encodeURIComponent(ctx.originalUrl)}`);
      return;
    } else {
      throw new AdminSessionRequiredError('Everything on this private server');
    }
    await next();
  };
}

function isOpenToAll(ctx: Context): boolean {
  return OPEN_PATHS.has(ctx.path) || ctx.path.startsWith('/static/') || (ctx.method === 'POST' && (ctx.path.startsWith('/api/') || ctx.path.startsWith('/hooks/')));
}

/**
 * XML-RPC reads (get_results, get_tagsets_for_package, ...) of a private server: the route is open
 * so that clients can write under their own rules, and the read methods are gated here, once the
 * body says which method it is.
 */
export async function requirePrivateRead(ctx: Context, coordinator: Coordinator): Promise<void> {
  if (!readRequestViewer(ctx).session) {
    await checkClientToken(ctx, coordinator);
  }
}

async function checkClientToken(ctx: Context, coordinator: Coordinator): Promise<void> {
  const credentials = readCredentials(ctx);
  if (!credentials) {
    throw new PrivateServerError();
  }
  await coordinator.checkClientToken(credentials);
}

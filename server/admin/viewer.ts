// Who is looking at a page: a signed-in admin, or an anonymous visitor. Every page's header
// says which, every form carries the viewer's form token, and the write buttons show only to
// a viewer that may use them.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context, Middleware } from 'koa';
import type { Coordinator } from '../coordinator/types.ts';
import type { AdminSession } from './sessions.ts';
import { clearSiteCookie, FORM_TOKEN_COOKIE, SESSION_COOKIE, setSiteCookie } from './site-cookies.ts';
import { createRandomToken } from './sessions.ts';

export interface Viewer {
  /** The signed-in admin's name; null for an anonymous visitor. */
  adminName: string | null;
  /** True when the viewer may request builds, remove results and flush tagsets. */
  mayAct: boolean;
  /** The token this viewer's forms carry: its session's, or its form cookie's (set when first asked for). */
  readonly csrfToken: string;
}

export interface ViewerState {
  viewer: Viewer;
  /** The session and the cookie's id that opened it, when an admin is signed in. */
  session?: AdminSession & { sessionId: string };
}

// Outside any request (a view rendered by a test), nothing is hidden and no form is sent.
const NO_REQUEST_VIEWER: Viewer = { adminName: null, mayAct: true, csrfToken: '' };

// Templates read the viewer from here rather than from every route's page model, so that the
// header of every page (the error pages that answerErrors renders too) knows who is signed in.
const requests = new AsyncLocalStorage<Context>();

/** Runs the rest of the request with its context readable by readViewer; goes before answerErrors. */
export function keepRequestContext(): Middleware {
  return (ctx, next) => requests.run(ctx, next);
}

/** The viewer of the request being answered. */
export function readViewer(): Viewer {
  return (requests.getStore()?.state as Partial<ViewerState> | undefined)?.viewer ?? NO_REQUEST_VIEWER;
}

export interface IdentifyViewerOptions {
  coordinator: Coordinator;
  /** True unless auth is open and the site public: then only admins may act. */
  adminRequired: boolean;
}

/** Reads the session cookie into ctx.state.viewer (and ctx.state.session); an unknown or expired session's cookie is cleared. */
export function identifyViewer({ coordinator, adminRequired }: IdentifyViewerOptions): Middleware {
  return async (ctx, next) => {
    const sessionId = ctx.cookies.get(SESSION_COOKIE);
    const session = sessionId ? await coordinator.findAdminSession(sessionId) : undefined;
    if (sessionId && !session) {
      clearSiteCookie(ctx, SESSION_COOKIE);
    }
    const state = ctx.state as ViewerState;
    state.session = session && { ...session, sessionId: sessionId! };
    state.viewer = session
      ? { adminName: session.adminName, mayAct: true, csrfToken: session.csrfToken }
      : createAnonymousViewer(ctx, !adminRequired);
    await next();
  };
}

export function readRequestViewer(ctx: Context): ViewerState {
  return ctx.state as ViewerState;
}

// The double-submit cookie is set only when a page holds a form, not on every answer.
function createAnonymousViewer(ctx: Context, mayAct: boolean): Viewer {
  let token = ctx.cookies.get(FORM_TOKEN_COOKIE);
  return {
    adminName: null,
    mayAct,
    get csrfToken() {
      if (!token) {
        token = createRandomToken();
        setSiteCookie(ctx, FORM_TOKEN_COOKIE, token);
      }
      return token;
    },
  };
}

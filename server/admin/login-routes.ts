// GET /login (the form), POST /login (a session cookie, then where the visitor was going) and
// POST /logout. A failed sign-in says "wrong name or password" and nothing more, after the
// same scrypt cost whether the name exists or not.
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import type { Coordinator } from '../coordinator/types.ts';
import type { Views } from '../web/render-views.ts';
import { WrongSignInError } from './admin-errors.ts';
import { readSiteForm } from './read-site-form.ts';
import { clearSiteCookie, SESSION_COOKIE, setSiteCookie } from './site-cookies.ts';
import { readSiteRelativePath } from './site-relative-path.ts';
import { readRequestViewer } from './viewer.ts';

export interface LoginRoutesOptions {
  coordinator: Coordinator;
  views: Views;
}

export function addLoginRoutes(router: Router, { coordinator, views }: LoginRoutesOptions): void {
  router.get('/login', (ctx) => {
    const next = typeof ctx.query.next === 'string' ? ctx.query.next : undefined;
    renderLogin(ctx, views, { next });
  });

  router.post('/login', async (ctx) => {
    const form = await readSiteForm(ctx, { action: 'Signing in', needsMayAct: false });
    const name = form.get('name') ?? '';
    const next = form.get('next') ?? undefined;
    try {
      const session = await coordinator.signInAdmin(name, form.get('password') ?? '');
      setSiteCookie(ctx, SESSION_COOKIE, session.sessionId, session.expiresAt - coordinator.now());
    } catch (error) {
      if (!(error instanceof WrongSignInError)) {
        throw error;
      }
      ctx.status = error.status;
      renderLogin(ctx, views, { next, name, failure: error.message });
      return;
    }
    ctx.status = 303;
    ctx.redirect(readSiteRelativePath(next, ctx.state.basePath));
  });

  router.post('/logout', async (ctx) => {
    await readSiteForm(ctx, { action: 'Signing out', needsMayAct: false });
    const { session } = readRequestViewer(ctx);
    if (session) {
      await coordinator.endAdminSession(session.sessionId);
    }
    clearSiteCookie(ctx, SESSION_COOKIE);
    ctx.status = 303;
    ctx.redirect(`${ctx.state.basePath}/`);
  });
}

function renderLogin(ctx: Context, views: Views, page: { next?: string; name?: string; failure?: string }): void {
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = views.renderLogin({ title: 'Sign in', name: '', failure: undefined, ...page });
}

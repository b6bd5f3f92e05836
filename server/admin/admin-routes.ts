// The admin side of the site: signing in and out, and the removal buttons.
import { Router } from '@koa/router';
import type { Coordinator } from '../coordinator/types.ts';
import type { Views } from '../web/render-views.ts';
import { addLoginRoutes } from './login-routes.ts';
import { addRemovalRoutes } from './removal-routes.ts';

export function createAdminRoutes({ coordinator, views }: { coordinator: Coordinator; views: Views }): Router {
  const router = new Router();
  addLoginRoutes(router, { coordinator, views });
  addRemovalRoutes(router, coordinator);
  return router;
}

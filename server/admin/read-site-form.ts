// Every form post of the site: from a page of this site (Origin or Referer), by a viewer who
// may act, carrying the viewer's form token. A signed-in admin's token is its session's; an
// anonymous visitor's is the double-submit cookie's, which another site can neither read nor
// send (SameSite=Strict).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { readRequestBody } from '../http/read-body.ts';
import { checkSameOriginForm } from '../web/check-same-origin.ts';
import { AdminSessionRequiredError, StaleFormError } from './admin-errors.ts';
import { FORM_TOKEN_COOKIE } from './site-cookies.ts';
import { readRequestViewer } from './viewer.ts';

// Our forms hold a tagset, a key, a token, a name and a password; anything larger is not from our pages.
const MAX_FORM_BYTES = 16 * 1024;

export const FORM_TOKEN_FIELD = 'csrf';

export interface SiteFormOptions {
  /** What the form does, for the refusal of a viewer who may not: "Removing a result". */
  action: string;
  /** False for the sign-in and sign-out forms, which anyone may send. */
  needsMayAct?: boolean;
}

export async function readSiteForm(ctx: Context, { action, needsMayAct = true }: SiteFormOptions): Promise<URLSearchParams> {
  checkSameOriginForm(ctx);
  const { viewer, session } = readRequestViewer(ctx);
  if (needsMayAct && !viewer.mayAct) {
    throw new AdminSessionRequiredError(action);
  }
  const form = new URLSearchParams((await readRequestBody(ctx, MAX_FORM_BYTES)).toString('utf8'));
  checkFormToken(form.get(FORM_TOKEN_FIELD), session ? session.csrfToken : ctx.cookies.get(FORM_TOKEN_COOKIE));
  return form;
}

function checkFormToken(given: string | null, expected: string | undefined): void {
  if (!given) {
    throw new StaleFormError('it carries no form token');
  }
  if (!expected) {
    throw new StaleFormError('this browser holds no session or form cookie for it');
  }
  if (!isSameToken(given, expected)) {
    throw new StaleFormError('its form token is not the one given to this browser');
  }
}

// Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
function isSameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

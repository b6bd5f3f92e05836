// The pages' removal buttons: POST /results/<key>/remove and POST /packages/<package>/flush do
// what `pony-build remove-result` and `flush-tagset` do, through the coordinator, then go back
// to the package page with a notice. The form's "yes, remove it" box is the confirmation.
import type { Router } from '@koa/router';
import type { Context } from 'koa';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { makePackageUrl } from '../web/page-links.ts';
import { readResultKey } from '../web/read-result-key.ts';
import { readSiteForm } from './read-site-form.ts';

export const CONFIRM_FIELD = 'confirm';

export function addRemovalRoutes(router: Router, coordinator: Coordinator): void {
  router.post('/results/:key/remove', async (ctx) => {
    const resultKey = readResultKey(ctx.params.key);
    readConfirmation(await readSiteForm(ctx, { action: 'Removing a result' }), 'Removing a result');
    const removed = await coordinator.removeResult(resultKey);
    redirectToPackage(ctx, removed.package, `removed=${removed.resultKey}`);
  });

  router.post('/packages/:package/flush', async (ctx) => {
    const packageName = ctx.params.package!;
    const form = await readSiteForm(ctx, { action: 'Flushing a tagset' });
    readConfirmation(form, 'Flushing a tagset');
    // The form holds the whole stored tagset; the package is named by the address.
    const tags = form.getAll('tag').filter((tag) => !tag.startsWith('__package='));
    const flushed = await coordinator.flushTagset(packageName, tags);
    redirectToPackage(ctx, packageName, `flushed=${flushed.removedKeys.length}`);
  });
}

function readConfirmation(form: URLSearchParams, action: string): void {
  if (form.get(CONFIRM_FIELD) !== 'yes') {
    throw new HttpError(400, `${action} needs its "yes, remove it" box ticked; nothing was removed.`);
  }
}

function redirectToPackage(ctx: Context, packageName: string, notice: string): void {
  ctx.status = 303;
  ctx.redirect(`${ctx.state.basePath}${makePackageUrl(packageName)}?${notice}#notice`);
}

/** What the package page says after a removal: from its `removed=<key>` or `flushed=<count>`. */
export function readRemovalNotice(query: Record<string, unknown>): string | undefined {
  const removed = typeof query.removed === 'string' && /^\d+$/.test(query.removed) ? query.removed : undefined;
  const flushed = typeof query.flushed === 'string' && /^\d+$/.test(query.flushed) ? Number(query.flushed) : undefined;
  if (removed !== undefined) {
    return `Result #${removed} was removed, with its test cases and files.`;
  }
  if (flushed !== undefined) {
    return `The tagset was flushed: ${flushed} result${flushed === 1 ? ' was' : 's were'} removed.`;
  }
  return undefined;
}

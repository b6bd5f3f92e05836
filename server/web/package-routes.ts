// The package page, the stable "latest of this tagset" URL, status badges, and build
// requests from the result page's form.
import type { Router } from '@koa/router';
import { makeTagsetKey } from '../../wire/tagset.ts';
import { readRemovalNotice } from '../admin/removal-routes.ts';
import { readSiteForm } from '../admin/read-site-form.ts';
import type { Coordinator } from '../coordinator/types.ts';
import { HttpError } from '../http/http-error.ts';
import { parsePositiveInteger } from '../http/parse-positive-integer.ts';
import { readOptionalQuery, readPackageResultsQuery, readTagsetSelector } from '../http/read-query.ts';
import { toOutcome } from '../rules/summarize-outcomes.ts';
import { findWorstStatus, renderBadgeSvg } from './badge-svg.ts';
import { makePackageUrl, readSyntheticTag } from './page-links.ts';
import { toPackagePage } from './package-view-model.ts';
import type { Views } from './render-views.ts';

export interface PackageRoutesOptions {
  coordinator: Coordinator;
  views: Views;
}

export function addPackageRoutes(router: Router, { coordinator, views }: PackageRoutesOptions): void {
  router.get('/packages/:package', async (ctx) => {
    const packageName = ctx.params.package!;
    const { before, ...filter } = readPackageResultsQuery(ctx.query);
    const [histories, page, running] = await Promise.all([
      coordinator.getPackageHistory(packageName),
      coordinator.listPackageResults(packageName, { ...filter, before }),
      coordinator.listRunningBuilds(),
    ]);
    const notice = readRemovalNotice(ctx.query);
    // After its last result was removed, the package page still says so.
    if (histories.length === 0 && !running.some((build) => build.package === packageName) && notice === undefined) {
      throw new HttpError(404, `No results of package ${JSON.stringify(packageName)} are stored.`);
    }
    ctx.type = 'html';
    ctx.body = views.renderPackage({
      ...toPackagePage(packageName, histories, page, filter, before, coordinator.now(), running),
      buildRequested: readOptionalQuery(ctx.query, 'build') === 'requested',
      notice,
    });
  });

  router.get('/packages/:package/latest', async (ctx) => {
    const packageName = ctx.params.package!;
    const [newest] = await coordinator.findTagsets(packageName, readTagsetSelector(ctx.query));
    if (!newest) {
      throw new HttpError(404, `No tagset of package ${JSON.stringify(packageName)} has exactly these tags, host and arch.`);
    }
    ctx.set('Cache-Control', 'no-cache');
    ctx.redirect(`${ctx.state.basePath}/results/${newest.latest.resultKey}`);
  });

  router.get('/badges/:file', async (ctx) => {
    const file = ctx.params.file!;
    if (!file.endsWith('.svg') || file === '.svg') {
      throw new HttpError(404, `Badges are at /badges/<package>.svg, not ${JSON.stringify(file)}.`);
    }
    const packageName = file.slice(0, -'.svg'.length);
    const narrowed = ['tag', 'host', 'arch'].some((name) => ctx.query[name] !== undefined);
    const tagsets = await coordinator.findTagsets(packageName, narrowed ? readTagsetSelector(ctx.query) : { tags: [], exactTags: false });
    const status = findWorstStatus(tagsets.map((tagset) => toOutcome(tagset.latest.success)));
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = renderBadgeSvg(packageName, status);
  });

  router.post('/packages/:package/build-requests', async (ctx) => {
    const packageName = ctx.params.package!;
    const form = await readSiteForm(ctx, { action: 'Requesting a build' });
    const tagset = form.getAll('tag');
    const known = await coordinator.getTagsetsForPackage(packageName);
    if (!known.some((candidate) => makeTagsetKey(candidate) === makeTagsetKey([...tagset, `__package=${packageName}`]))) {
      throw new HttpError(400, `Package ${JSON.stringify(packageName)} has no tagset ${JSON.stringify(tagset)}; builds can be requested for tagsets that have reported.`);
    }
    await coordinator.requestBuild({
      package: packageName,
      host: readSyntheticTag(tagset, '__host=') ?? '',
      arch: readSyntheticTag(tagset, '__arch=') ?? '',
      tags: tagset.filter((tag) => !/^__(package|host|arch)=/.test(tag)),
    });
    const resultKey = parsePositiveInteger(form.get('result') ?? undefined);
    ctx.status = 303;
    ctx.redirect(ctx.state.basePath + (resultKey === undefined
      ? `${makePackageUrl(packageName)}?build=requested`
      : `/results/${resultKey}?build=requested#build-request`));
  });
}

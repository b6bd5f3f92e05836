// Templates are loaded once per process (load-template.ts), not on every request. Pug escapes
// every `=` and `#{}` output; the templates never use the unescaped forms.
import { loadTemplate } from './load-template.ts';
import type { toFeedsPage } from '../feeds/feeds-page.ts';
import { listFeedLinks, SITE_SCOPE } from '../feeds/feed-urls.ts';
import { readViewer } from '../admin/viewer.ts';
import type { toTestHistoryPage } from './test-view-models.ts';
import type { toDashboardPage } from './dashboard-view-model.ts';
import type { toPackagePage } from './package-view-model.ts';
import type { toErrorPage } from './error-view-model.ts';
import type { toResultPage } from './result-view-model.ts';
import type { StepView } from './step-view-model.ts';

export interface Views {
  renderIndex(page: ReturnType<typeof toDashboardPage>): string;
  renderPackage(page: ReturnType<typeof toPackagePage> & { buildRequested: boolean; notice?: string }): string;
  renderResult(page: ReturnType<typeof toResultPage>): string;
  /** One finished step's card alone, for a page following its running build. */
  renderStep(fragment: { step: StepView }): string;
  renderTestHistory(page: ReturnType<typeof toTestHistoryPage>): string;
  renderError(page: ReturnType<typeof toErrorPage>): string;
  /** GET /feeds: every feed, site-wide and per package. */
  renderFeeds(page: ReturnType<typeof toFeedsPage>): string;
  /** The sign-in form; `failure` says why the last try failed. */
  renderLogin(page: { title: string; name: string; next?: string; failure?: string }): string;
}

/** `basePath` ('' or e.g. `/ci`) is given to every template: each site link is written `basePath + path`. */
export function compileViews(basePath = ''): Views {
  // Every template also gets the request's viewer: the header says who is signed in, forms carry its token.
  const compile = (name: string) => {
    const template = loadTemplate(name);
    return (locals: object) => template({ ...locals, viewer: readViewer() });
  };
  const index = compile('index');
  const packagePage = compile('package');
  const result = compile('result');
  const step = compile('step-fragment');
  const testHistory = compile('test-history');
  const error = compile('error');
  const feeds = compile('feeds');
  const login = compile('login');
  return {
    // Pages about the site or a package name its feeds in their head (`feedLinks`, see layout.pug).
    renderIndex: (page) => index({ ...page, basePath, feedLinks: listFeedLinks(SITE_SCOPE) }),
    renderPackage: (page) => packagePage({ ...page, basePath, feedLinks: listFeedLinks({ kind: 'package', packageName: page.packageName }) }),
    renderResult: (page) => result({ ...page, basePath, feedLinks: listFeedLinks({ kind: 'package', packageName: page.packageName }) }),
    renderStep: (fragment) => step({ ...fragment, basePath }),
    renderTestHistory: (page) => testHistory({ ...page, basePath }),
    renderError: (page) => error({ ...page, basePath }),
    renderFeeds: (page) => feeds({ ...page, basePath, feedLinks: listFeedLinks(SITE_SCOPE) }),
    renderLogin: (page) => login({ ...page, basePath }),
  };
}
